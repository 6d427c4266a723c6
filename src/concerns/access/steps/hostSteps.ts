import * as pulumi from "@pulumi/pulumi";
import type { HostConfig } from "../../../config/schema";
import { HOST_PATHS, hostKeyPath, HostKeyKind } from "../../../core/hostPaths";
import type { HostSteps, PhaseContext } from "../../../core/hostSteps";
import { INSTALL_FILE_SCRIPT } from "../../../core/steps/installFileScript";
import { SSHD_ROLLBACK } from "../../ssh/sshdRollback";
import { CLOSE_BOOTSTRAP_SCRIPT } from "./closeBootstrapScript";
import { VERIFY_LOGIN_SCRIPT } from "./verifyLoginScript";

/** The host's SSH identity from config, installed in each phase, so a rebuilt box presents the same keys. */
export const hostSteps: HostSteps<HostConfig> = {
  eachPhase(ctx) {
    for (const kind of ["ed25519", "rsa"] as HostKeyKind[]) {
      const key = ctx.host.hostKeys[kind];
      ctx.run({
        step: `host-key-${kind}`,
        manifest: { kind: "file", host: ctx.name, path: hostKeyPath(kind), mode: "0600", owner: "root", group: "root" },
        script: INSTALL_FILE_SCRIPT,
        args: [hostKeyPath(kind), "0600", "root", "root"],
        stdin: pulumi.secret(key.endsWith("\n") ? key : key + "\n"),
        secretStdin: true,
        dependsOn: [ctx.steps.get("packages")!],
      });
    }
  },
};

/**
 * A NEW admin login proves access and sudo, and disarms the sshd rollback. `expectedDigest` ties it to what
 * could cut the admin off: when that changes, the proof runs again ("-" for the first proof).
 */
export function verifyLogin(ctx: PhaseContext<HostConfig>, step: string, expectedDigest: string, after: pulumi.Resource[]): pulumi.Resource {
  return ctx.run({
    step,
    manifest: { kind: "verify-login", host: ctx.name, user: ctx.host.admin.user },
    script: VERIFY_LOGIN_SCRIPT,
    args: [SSHD_ROLLBACK.unit, HOST_PATHS.stateDir, HOST_PATHS.sshdDropIn, expectedDigest],
    escalate: false,
    dependsOn: after,
  });
}

/** Removes the bootstrap key from the bootstrap user's authorized_keys, once the admin login is proven. */
export function closeBootstrap(ctx: PhaseContext<HostConfig>, bootstrapPublicKey: pulumi.Output<string>, after: pulumi.Resource[]): pulumi.Resource | undefined {
  if (ctx.host.bootstrap.user === ctx.host.admin.user) return undefined;
  return ctx.run({
    step: "close-bootstrap",
    manifest: { kind: "script", host: ctx.name, purpose: `remove the bootstrap key from ${ctx.host.bootstrap.user}'s authorized_keys` },
    script: CLOSE_BOOTSTRAP_SCRIPT,
    args: [ctx.host.bootstrap.user],
    stdin: bootstrapPublicKey.apply((k) => k + "\n"),
    dependsOn: after,
  });
}
