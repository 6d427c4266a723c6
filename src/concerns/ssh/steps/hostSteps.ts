import { createHash } from "crypto";
import type { HostConfig } from "../../../config/schema";
import { HOST_PATHS } from "../../../core/hostPaths";
import type { HostSteps } from "../../../core/hostSteps";
import { renderSshdDropIn } from "../renderSshdDropIn";
import { SSHD_ROLLBACK } from "../sshdRollback";
import { APPLY_SSHD_CONFIG_SCRIPT } from "./applySshdConfigScript";
import { FILTER_MODULI_SCRIPT } from "./filterModuliScript";
import { MIN_MODULI_BITS } from "../algorithms";

/** Weak moduli removed, then the hardened drop-in: staged, `sshd -t`, rollback armed, reloaded. */
export const hostSteps: HostSteps<HostConfig> = {
  eachPhase(ctx) {
    const moduli = ctx.run({
      step: "moduli",
      manifest: { kind: "script", host: ctx.name, purpose: `remove Diffie-Hellman moduli under ${MIN_MODULI_BITS} bits from ${HOST_PATHS.moduli}` },
      script: FILTER_MODULI_SCRIPT,
      args: [HOST_PATHS.moduli],
      dependsOn: [ctx.steps.get("packages")!],
    });
    // The drop-in names the admin (AllowGroups) and the host keys: it goes in after them.
    const before = ["admin-user", "host-key-ed25519", "host-key-rsa"].map((s) => ctx.steps.get(s)!);
    ctx.run({
      step: "sshd-config",
      manifest: { kind: "sshd-config", host: ctx.name, path: HOST_PATHS.sshdDropIn },
      script: APPLY_SSHD_CONFIG_SCRIPT,
      args: [
        HOST_PATHS.sshdDropIn, HOST_PATHS.sshdMainConfig, HOST_PATHS.sshdBinary, HOST_PATHS.stateDir,
        ctx.os.sshService, ctx.os.sshSocketActivated ? "yes" : "no", SSHD_ROLLBACK.unit, String(SSHD_ROLLBACK.seconds),
      ],
      stdin: renderSshdDropIn(ctx.host, ctx.os),
      dependsOn: [...before, moduli],
    });
  },
  lockoutGuard(host, os) {
    return {
      what: "the sshd change",
      step: "sshd-config",
      unit: SSHD_ROLLBACK.unit,
      rolledBack: `${HOST_PATHS.stateDir}/rolled-back`,
      confirm: "-",
      path: HOST_PATHS.sshdDropIn,
      sha256: createHash("sha256").update(renderSshdDropIn(host, os)).digest("hex"),
    };
  },
};
