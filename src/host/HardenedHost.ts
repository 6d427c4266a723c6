import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { unknown } from "@pulumi/pulumi/output";
import { closeBootstrap, verifyLogin } from "../concerns/access/steps/hostSteps";
import { concernParts } from "../concerns/registry";
import type { HostConfig } from "../config/schema";
import { BOOTSTRAP_DIAL_ERROR_LIMIT, DIAL_ERROR_LIMIT } from "../concerns/access/config";
import { fingerprintOf, keyBlobOf, publicKeyOf } from "../core/keyMaterial";
import { OS_TABLE, OsProfile } from "../core/osTable";
import type { HostSteps, LockoutGuard, PhaseContext, StepSpec } from "../core/hostSteps";
import { isOpaqueSecret } from "../core/opaqueSecret";
import { liveReadBacks } from "./readLiveDrift";
import { remoteScript } from "../core/remoteScript";
import { HARDENED_HOST_TYPE } from "../core/stepManifest";
import { adminStepName } from "./adminStepName";

/** Every input of remote.Command except `triggers`: the bootstrap phase ignores them after its first run. */
export const BOOTSTRAP_IGNORED_INPUTS = ["connection", "create", "update", "delete", "stdin", "environment", "logging", "addPreviousOutputInEnv"];

export interface HardenedHostArgs {
  host: HostConfig;
  /** Steps whose read-back found the live host drifted from the stack in this `up` (step name -> differences). */
  drifted?: ReadonlyMap<string, readonly string[]>;
}

/**
 * The second trigger of a step with a read-back: kept from the state (ignored) while the host matches the stack,
 * set to a new value when the read-back found drift, so exactly that `up` runs the step again.
 */
export const READ_BACK_TRIGGER = "triggers[1]";
export const IN_STEP_WITH_STACK = "set by the stack";

/** What a user needs to log in as the admin; no secrets. */
export interface AdminConnectionInfo {
  host: string;
  port: number;
  user: string;
  /** The pinned host key (public half of hostKeys.ed25519), for known_hosts. */
  hostKey: string;
}

interface Phase {
  name: "bootstrap" | "admin";
  prefix: string;
  user: string;
  connection: command.types.input.remote.ConnectionArgs;
}

/**
 * The public half of a secret private key: derived when the key is plaintext, else the plain copy from config
 * (validated to match when both are known), else unknown (offline `secure:` value without a copy).
 */
function derivedPublicKey(privateKey: string, plainCopy?: string): pulumi.Output<string> {
  if (!isOpaqueSecret(privateKey)) return pulumi.output(publicKeyOf(privateKey));
  if (plainCopy) return pulumi.output(keyBlobOf(plainCopy));
  return pulumi.output(unknown) as pulumi.Output<string>;
}

/**
 * One hardened Home Assistant host, composed of the concerns in src/concerns/registry.ts. Phase 1 runs every
 * concern's steps over the bootstrap login (pinned to bootstrap.hostKey) and is never re-run by later config
 * changes; phase 2 proves a NEW admin login (which disarms the sshd rollback), runs them again over the admin
 * login, then the admin-only steps, proves the login again, and only then closes the bootstrap way in and runs
 * the steps that wait for that proof.
 */
export class HardenedHost extends pulumi.ComponentResource {
  readonly adminConnection: pulumi.Output<AdminConnectionInfo>;
  readonly hostKeyFingerprint: pulumi.Output<string>;

  constructor(name: string, args: HardenedHostArgs, opts?: pulumi.ComponentResourceOptions) {
    super(HARDENED_HOST_TYPE, name, {}, opts);
    const host = args.host;
    const os: OsProfile = OS_TABLE[host.os];
    const concerns = concernParts<HostSteps<HostConfig>>("steps/hostSteps", "hostSteps").map((c) => c.value);
    const configHostKey = derivedPublicKey(host.hostKeys.ed25519, host.hostKeys.ed25519Public);
    const automationPublicKey = derivedPublicKey(host.automationKey, host.automationPublicKey);
    const readBackSteps = new Set(liveReadBacks(host).map((r) => r.step));
    const drifted = args.drifted ?? new Map<string, readonly string[]>();

    // The engine feeds ignoreChanges properties from the OLD state even on a replace, so a triggers bump alone
    // would replay phase 1 with the previous box's bootstrap host key. From generation 2 on, phase 1 gets new
    // names: new resources with fresh inputs (the old ones go away; they have no delete command).
    const bootstrap: Phase = {
      name: "bootstrap",
      prefix: host.generation === 1 ? `${name}-bootstrap-` : `${name}-bootstrap-g${host.generation}-`,
      user: host.bootstrap.user,
      connection: {
        host: host.address,
        port: host.bootstrap.port ?? host.sshPort,
        user: host.bootstrap.user,
        privateKey: pulumi.secret(host.bootstrap.privateKey),
        hostKey: host.bootstrap.hostKey,
        dialErrorLimit: BOOTSTRAP_DIAL_ERROR_LIMIT.value,
      },
    };
    const admin: Phase = {
      name: "admin",
      prefix: adminStepName(name, ""),
      user: host.admin.user,
      connection: {
        host: host.address,
        port: host.sshPort,
        user: host.admin.user,
        privateKey: pulumi.secret(host.automationKey),
        hostKey: configHostKey,
        dialErrorLimit: DIAL_ERROR_LIMIT.value,
      },
    };

    const context = (phase: Phase): PhaseContext<HostConfig> => {
      const steps = new Map<string, pulumi.Resource>();
      return {
        name,
        host,
        os,
        phase: phase.name,
        automationPublicKey,
        steps,
        run: (s: StepSpec) => {
          const readBack = phase.name === "admin" && readBackSteps.has(s.step);
          const repair = readBack && drifted.has(s.step);
          const ignoreChanges = [...(phase.name === "bootstrap" ? BOOTSTRAP_IGNORED_INPUTS : []), ...(readBack && !repair ? [READ_BACK_TRIGGER] : [])];
          const resource = new command.remote.Command(
            phase.prefix + s.step,
            {
              connection: phase.connection,
              create: remoteScript({ manifest: s.manifest, step: phase.prefix + s.step, script: s.script, args: s.args, user: phase.user, escalate: s.escalate }),
              stdin: s.stdin,
              triggers: readBack ? [host.generation, repair ? `drift repaired at ${new Date().toISOString()}` : IN_STEP_WITH_STACK] : [host.generation],
              addPreviousOutputInEnv: false,
              ...(s.secretStdin ? { logging: "none" as const } : {}),
            },
            {
              parent: this,
              dependsOn: s.dependsOn,
              ignoreChanges: ignoreChanges.length > 0 ? ignoreChanges : undefined,
              additionalSecretOutputs: s.secretStdin ? ["stdin", "stdout", "stderr"] : undefined,
            },
          );
          steps.set(s.step, resource);
          return resource;
        },
      };
    };

    /** Runs every concern's each-phase steps in ctx; returns the last one (the phase's gate). */
    const eachPhase = (ctx: PhaseContext<HostConfig>): pulumi.Resource => {
      const before = ctx.steps.size;
      for (const c of concerns) c.eachPhase?.(ctx);
      const added = [...ctx.steps.values()].slice(before);
      if (added.length === 0) throw new Error(`no concern adds a step to ${name}`);
      return added[added.length - 1];
    };

    // Phase 1: the bootstrap login, once.
    const bootstrapGate = eachPhase(context(bootstrap));
    // Phase 2: a NEW admin login proves access (and disarms the rollback) before anything else.
    const adminCtx = context(admin);
    const guardOf = new Map(concerns.map((c) => [c, c.lockoutGuard?.(host, os)] as const));
    const guards = [...guardOf.values()].filter((g): g is LockoutGuard => g !== undefined);
    const firstLogin = verifyLogin(adminCtx, "verify-login", guards, false, [bootstrapGate]);
    const adminGate = eachPhase(adminCtx);
    const beforeAdminOnly = adminCtx.steps.size;
    // A change that could cut the admin off comes last, after every other step of this phase (a package install,
    // AIDE's first scan), so that its rollback timer runs only while the final login proof is near.
    const guarded = (c: HostSteps<HostConfig>) => guardOf.get(c) !== undefined;
    for (const c of concerns) if (!guarded(c)) c.adminOnly?.(adminCtx, [firstLogin]);
    const unguarded = [...adminCtx.steps.values()].slice(beforeAdminOnly);
    for (const c of concerns) if (guarded(c)) c.adminOnly?.(adminCtx, [firstLogin, ...unguarded]);
    const adminOnly = [...adminCtx.steps.values()].slice(beforeAdminOnly);
    // Re-run whenever what could cut the admin off changes (its digests are arguments): confirms with a new login.
    const finalLogin = verifyLogin(adminCtx, "verify-admin-login", guards, true, [adminGate, ...adminOnly]);
    closeBootstrap(adminCtx, derivedPublicKey(host.bootstrap.privateKey), [finalLogin]);
    for (const c of concerns) c.afterLoginProven?.(adminCtx, [finalLogin]);

    this.adminConnection = configHostKey.apply((hostKey) => ({ host: host.address, port: host.sshPort, user: host.admin.user, hostKey }));
    this.hostKeyFingerprint = configHostKey.apply((k) => fingerprintOf(k));
    this.registerOutputs({ adminConnection: this.adminConnection, hostKeyFingerprint: this.hostKeyFingerprint });
  }
}
