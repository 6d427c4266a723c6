import type { HostConfig } from "../../../config/schema";
import type { HostSteps } from "../../../core/hostSteps";
import { INSTALL_FILE_SCRIPT } from "../../../core/steps/installFileScript";
import { INSTALL_PACKAGES_SCRIPT } from "../../packages/steps/installPackagesScript";
import { renderUnattendedConf } from "../renderUnattendedConf";
import { UPDATE_MAILERS } from "../updateMailers";
import { UPDATE_TIMERS } from "../updateTimers";
import { UPDATES_PATHS } from "../updatesPaths";
import { ACTIVATE_UPDATES_SCRIPT } from "./activateUpdatesScript";

const PACKAGES = ["unattended-upgrades"];

/** Over the admin login: unattended-upgrades installed, the project's apt file in place, the apt timers on. */
export const hostSteps: HostSteps<HostConfig> = {
  adminOnly(ctx, after) {
    const installed = ctx.run({
      step: "updates-packages",
      manifest: { kind: "packages", host: ctx.name, packages: PACKAGES },
      script: INSTALL_PACKAGES_SCRIPT,
      args: PACKAGES,
      dependsOn: after,
    });
    const conf = ctx.run({
      step: "unattended-upgrades-config",
      manifest: { kind: "file", host: ctx.name, path: UPDATES_PATHS.aptConf, mode: "0644", owner: "root", group: "root" },
      script: INSTALL_FILE_SCRIPT,
      args: [UPDATES_PATHS.aptConf, "0644", "root", "root"],
      stdin: renderUnattendedConf(ctx.host),
      dependsOn: [installed],
    });
    ctx.run({
      step: "update-timers",
      manifest: { kind: "script", host: ctx.name, purpose: `check apt reads the periodic settings and a mailed report has a mailer, then enable and start ${UPDATE_TIMERS.join(" and ")}` },
      script: ACTIVATE_UPDATES_SCRIPT,
      args: [...UPDATE_MAILERS, ...UPDATE_TIMERS],
      dependsOn: [conf],
    });
  },
};
