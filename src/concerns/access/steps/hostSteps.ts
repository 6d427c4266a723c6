import * as pulumi from "@pulumi/pulumi";
import type { HostConfig } from "../../../config/schema";
import { hostKeyPath, HostKeyKind } from "../../../core/hostPaths";
import type { HostSteps, LockoutGuard, PhaseContext } from "../../../core/hostSteps";
import { INSTALL_FILE_SCRIPT } from "../../../core/steps/installFileScript";
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
 * A NEW admin login proves access and sudo, and disarms and confirms every concern's rollback. With
 * `compare`, it also checks each guarded file against the stack's rendering, so the proof runs again whenever
 * what could cut the admin off changes (the first proof compares nothing: "-").
 */
export function verifyLogin(ctx: PhaseContext<HostConfig>, step: string, guards: LockoutGuard[], compare: boolean, after: pulumi.Resource[]): pulumi.Resource {
  const args = guards.flatMap((g) => [g.what, `${ctx.name}-${g.step}`, g.unit, g.rolledBack, g.confirm, g.path, compare ? g.sha256 : "-"]);
  return ctx.run({
    step,
    manifest: { kind: "verify-login", host: ctx.name, user: ctx.host.admin.user },
    script: VERIFY_LOGIN_SCRIPT,
    args,
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
