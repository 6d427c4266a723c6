import type { HostConfig } from "../../../config/schema";
import type { HostSteps } from "../../../core/hostSteps";
import { INSTALL_PACKAGES_SCRIPT } from "./installPackagesScript";

/** The packages every later step needs (sudo, the SSH server), first in each phase. */
export const hostSteps: HostSteps<HostConfig> = {
  eachPhase(ctx) {
    ctx.run({
      step: "packages",
      manifest: { kind: "packages", host: ctx.name, packages: [...ctx.os.basePackages] },
      script: INSTALL_PACKAGES_SCRIPT,
      args: [...ctx.os.basePackages],
      dependsOn: [...ctx.steps.values()],
    });
  },
};
