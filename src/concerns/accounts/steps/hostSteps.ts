import type { HostConfig } from "../../../config/schema";
import { HOST_PATHS } from "../../../core/hostPaths";
import type { HostSteps } from "../../../core/hostSteps";
import { encodeUserSpec } from "../../../core/stepManifest";
import { ENSURE_USER_SCRIPT } from "./ensureUserScript";
import { HA_SERVICE_USER } from "../serviceUserRules";

/** Comment of the automation key's line in the admin's authorized_keys. */
const AUTOMATION_KEY_COMMENT = "ha-hardened-host-automation";

/** The admin (sudo, the user's keys and the automation key) in each phase; the homeassistant service user once. */
export const hostSteps: HostSteps<HostConfig> = {
  eachPhase(ctx) {
    const h = ctx.host;
    ctx.run({
      step: "admin-user",
      manifest: { kind: "user", host: ctx.name, name: h.admin.user },
      script: ENSURE_USER_SCRIPT,
      args: [HOST_PATHS.sudoersDir],
      stdin: ctx.automationPublicKey.apply((automation) =>
        encodeUserSpec({
          name: h.admin.user,
          system: false,
          home: `/home/${h.admin.user}`,
          shell: "/bin/bash",
          groups: [ctx.os.sudoGroup],
          sudo: true,
          authorizedKeys: [...h.admin.authorizedKeys.map((k) => k.trim()), `${automation} ${AUTOMATION_KEY_COMMENT}`],
        }),
      ),
      dependsOn: [ctx.steps.get("packages")!],
    });
  },
  adminOnly(ctx, after) {
    ctx.run({
      step: "homeassistant-user",
      manifest: { kind: "user", host: ctx.name, name: HA_SERVICE_USER },
      script: ENSURE_USER_SCRIPT,
      args: [HOST_PATHS.sudoersDir],
      stdin: encodeUserSpec({
        name: HA_SERVICE_USER,
        system: true,
        home: HOST_PATHS.homeassistantHome,
        shell: ctx.os.nologinShell,
        groups: [],
        sudo: false,
        authorizedKeys: [],
      }),
      dependsOn: after,
    });
  },
};
