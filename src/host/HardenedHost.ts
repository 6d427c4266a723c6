import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { unknown } from "@pulumi/pulumi/output";
import { createHash } from "crypto";
import { CONFIG_DEFAULTS } from "../core/defaults";
import { fingerprintOf, publicKeyOf } from "../core/keyMaterial";
import { OS_TABLE, OsProfile } from "../core/osTable";
import { HostConfig } from "../config/schema";
import { isOpaqueSecret } from "../core/opaqueSecret";
import { HOST_PATHS, hostKeyPath, HostKeyKind } from "../core/hostPaths";
import { remoteScript } from "../core/remoteScript";
import { renderSshdDropIn } from "../concerns/ssh/renderSshdDropIn";
import { encodeUserSpec, HARDENED_HOST_TYPE, StepManifest } from "../core/stepManifest";
import { APPLY_SSHD_CONFIG_SCRIPT } from "../concerns/ssh/steps/applySshdConfigScript";
import { CLOSE_BOOTSTRAP_SCRIPT } from "../concerns/access/steps/closeBootstrapScript";
import { ENSURE_USER_SCRIPT } from "../concerns/accounts/steps/ensureUserScript";
import { FILTER_MODULI_SCRIPT } from "../concerns/ssh/steps/filterModuliScript";
import { INSTALL_FILE_SCRIPT } from "../core/steps/installFileScript";
import { INSTALL_PACKAGES_SCRIPT } from "../concerns/packages/steps/installPackagesScript";
import { VERIFY_LOGIN_SCRIPT } from "../concerns/access/steps/verifyLoginScript";

/** Every input of remote.Command except `triggers`: the bootstrap phase ignores them after its first run. */
export const BOOTSTRAP_IGNORED_INPUTS = ["connection", "create", "update", "delete", "stdin", "environment", "logging", "addPreviousOutputInEnv"];

export interface HardenedHostArgs {
  host: HostConfig;
}

/** What a user needs to log in as the admin; no secrets. */
export interface AdminConnectionInfo {
  host: string;
  port: number;
  user: string;
  /** The pinned host key (public half of hostKeys.ed25519), for known_hosts. */
  hostKey: string;
}

interface Phase {
  prefix: string;
  user: string;
  connection: command.types.input.remote.ConnectionArgs;
  bootstrap: boolean;
}

interface StepSpec {
  step: string;
  manifest: StepManifest;
  script: string;
  args?: string[];
  stdin?: pulumi.Input<string>;
  /** stdin carries a secret: keep it (and what the step prints) secret and out of the log stream. */
  secretStdin?: boolean;
  escalate?: boolean;
  dependsOn: pulumi.Resource[];
}

/**
 * The public half of a secret private key: derived when the key is plaintext, else the plain copy from config
 * (validated to match when both are known), else unknown (offline `secure:` value without a copy).
 */
function derivedPublicKey(privateKey: string, plainCopy?: string): pulumi.Output<string> {
  if (!isOpaqueSecret(privateKey)) return pulumi.output(publicKeyOf(privateKey));
  if (plainCopy) return pulumi.output(plainCopy.trim().split(/\s+/).slice(0, 2).join(" "));
  return pulumi.output(unknown) as pulumi.Output<string>;
}

/**
 * One hardened Home Assistant host. Phase 1 runs over the bootstrap login (pinned to bootstrap.hostKey) and
 * is never re-run by later config changes; phase 2 runs over the admin login (pinned to the config host key),
 * proves a NEW login with sudo works, re-applies every step as admin-managed resources, adds the
 * homeassistant user, and finally closes the bootstrap way in.
 */
export class HardenedHost extends pulumi.ComponentResource {
  readonly adminConnection: pulumi.Output<AdminConnectionInfo>;
  readonly hostKeyFingerprint: pulumi.Output<string>;

  constructor(name: string, args: HardenedHostArgs, opts?: pulumi.ComponentResourceOptions) {
    super(HARDENED_HOST_TYPE, name, {}, opts);
    const host = args.host;
    const os: OsProfile = OS_TABLE[host.os];
    const generation = host.generation;

    const configHostKey = derivedPublicKey(host.hostKeys.ed25519, host.hostKeys.ed25519Public);
    const automationPublicKey = derivedPublicKey(host.automationKey, host.automationPublicKey);
    const bootstrapPublicKey = derivedPublicKey(host.bootstrap.privateKey);

    // The engine feeds ignoreChanges properties from the OLD state even on a replace, so a triggers bump alone
    // would replay phase 1 with the previous box's bootstrap host key. From generation 2 on, phase 1 gets new
    // names: new resources with fresh inputs (the old ones go away; they have no delete command).
    const bootstrap: Phase = {
      prefix: generation === 1 ? `${name}-bootstrap-` : `${name}-bootstrap-g${generation}-`,
      user: host.bootstrap.user,
      bootstrap: true,
      connection: {
        host: host.address,
        port: host.bootstrap.port ?? host.sshPort,
        user: host.bootstrap.user,
        privateKey: pulumi.secret(host.bootstrap.privateKey),
        hostKey: host.bootstrap.hostKey,
        dialErrorLimit: CONFIG_DEFAULTS.bootstrapDialErrorLimit.value,
      },
    };
    const admin: Phase = {
      prefix: `${name}-`,
      user: host.admin.user,
      bootstrap: false,
      connection: {
        host: host.address,
        port: host.sshPort,
        user: host.admin.user,
        privateKey: pulumi.secret(host.automationKey),
        hostKey: configHostKey,
        dialErrorLimit: CONFIG_DEFAULTS.dialErrorLimit.value,
      },
    };

    const dropIn = renderSshdDropIn(host, os);
    const dropInSha = createHash("sha256").update(dropIn).digest("hex");
    const adminSpec = pulumi.all([automationPublicKey]).apply(([automation]) =>
      encodeUserSpec({
        name: host.admin.user,
        system: false,
        home: `/home/${host.admin.user}`,
        shell: "/bin/bash",
        groups: [os.sudoGroup],
        sudo: true,
        authorizedKeys: [...host.admin.authorizedKeys.map((k) => k.trim()), `${automation} ha-hardened-host-automation`],
      }),
    );

    const run = (phase: Phase, s: StepSpec): command.remote.Command =>
      new command.remote.Command(
        phase.prefix + s.step,
        {
          connection: phase.connection,
          create: remoteScript({ manifest: s.manifest, step: phase.prefix + s.step, script: s.script, args: s.args, user: phase.user, escalate: s.escalate }),
          stdin: s.stdin,
          triggers: [generation],
          addPreviousOutputInEnv: false,
          ...(s.secretStdin ? { logging: "none" as const } : {}),
        },
        {
          parent: this,
          dependsOn: s.dependsOn,
          ignoreChanges: phase.bootstrap ? BOOTSTRAP_IGNORED_INPUTS : undefined,
          additionalSecretOutputs: s.secretStdin ? ["stdin", "stdout", "stderr"] : undefined,
        },
      );

    /** The steps both phases run: packages, admin user, host keys, moduli, then the sshd drop-in. */
    const common = (phase: Phase, after: pulumi.Resource[]): command.remote.Command => {
      const packages = run(phase, {
        step: "packages",
        manifest: { kind: "packages", host: name, packages: [...os.basePackages] },
        script: INSTALL_PACKAGES_SCRIPT,
        args: [...os.basePackages],
        dependsOn: after,
      });
      const adminUser = run(phase, {
        step: "admin-user",
        manifest: { kind: "user", host: name, name: host.admin.user },
        script: ENSURE_USER_SCRIPT,
        args: [HOST_PATHS.sudoersDir],
        stdin: adminSpec,
        dependsOn: [packages],
      });
      const hostKeys = (["ed25519", "rsa"] as HostKeyKind[]).map((kind) =>
        run(phase, {
          step: `host-key-${kind}`,
          manifest: { kind: "file", host: name, path: hostKeyPath(kind), mode: "0600", owner: "root", group: "root" },
          script: INSTALL_FILE_SCRIPT,
          args: [hostKeyPath(kind), "0600", "root", "root"],
          stdin: pulumi.secret(host.hostKeys[kind].endsWith("\n") ? host.hostKeys[kind] : host.hostKeys[kind] + "\n"),
          secretStdin: true,
          dependsOn: [packages],
        }),
      );
      const moduli = run(phase, {
        step: "moduli",
        manifest: { kind: "script", host: name, purpose: `remove Diffie-Hellman moduli under 3071 bits from ${HOST_PATHS.moduli}` },
        script: FILTER_MODULI_SCRIPT,
        args: [HOST_PATHS.moduli],
        dependsOn: [packages],
      });
      return run(phase, {
        step: "sshd-config",
        manifest: { kind: "sshd-config", host: name, path: HOST_PATHS.sshdDropIn },
        script: APPLY_SSHD_CONFIG_SCRIPT,
        args: [
          HOST_PATHS.sshdDropIn, HOST_PATHS.sshdMainConfig, HOST_PATHS.sshdBinary, HOST_PATHS.stateDir,
          os.sshService, os.sshSocketActivated ? "yes" : "no", HOST_PATHS.rollbackUnit, String(HOST_PATHS.rollbackSeconds),
        ],
        stdin: dropIn,
        dependsOn: [adminUser, ...hostKeys, moduli],
      });
    };

    const verify = (step: string, expectedSha: string, after: pulumi.Resource[]): command.remote.Command =>
      run(admin, {
        step,
        manifest: { kind: "verify-login", host: name, user: host.admin.user },
        script: VERIFY_LOGIN_SCRIPT,
        args: [HOST_PATHS.rollbackUnit, HOST_PATHS.stateDir, HOST_PATHS.sshdDropIn, expectedSha],
        escalate: false,
        dependsOn: after,
      });

    // Phase 1: the bootstrap login, once.
    const bootstrapSshd = common(bootstrap, []);
    // Phase 2: a NEW admin login proves access (and disarms the rollback) before anything else.
    const firstLogin = verify("verify-login", "-", [bootstrapSshd]);
    const adminSshd = common(admin, [firstLogin]);
    const homeassistant = run(admin, {
      step: "homeassistant-user",
      manifest: { kind: "user", host: name, name: "homeassistant" },
      script: ENSURE_USER_SCRIPT,
      args: [HOST_PATHS.sudoersDir],
      stdin: encodeUserSpec({
        name: "homeassistant",
        system: true,
        home: HOST_PATHS.homeassistantHome,
        shell: os.nologinShell,
        groups: [],
        sudo: false,
        authorizedKeys: [],
      }),
      dependsOn: [firstLogin],
    });
    // Re-run whenever the drop-in changes (its sha is an argument): confirms the new config with a new login.
    const finalLogin = verify("verify-admin-login", dropInSha, [adminSshd, homeassistant]);
    if (host.bootstrap.user !== host.admin.user) {
      run(admin, {
        step: "close-bootstrap",
        manifest: { kind: "script", host: name, purpose: `remove the bootstrap key from ${host.bootstrap.user}'s authorized_keys` },
        script: CLOSE_BOOTSTRAP_SCRIPT,
        args: [host.bootstrap.user],
        stdin: bootstrapPublicKey.apply((k) => k + "\n"),
        dependsOn: [finalLogin],
      });
    }

    this.adminConnection = configHostKey.apply((hostKey) => ({ host: host.address, port: host.sshPort, user: host.admin.user, hostKey }));
    this.hostKeyFingerprint = configHostKey.apply((k) => fingerprintOf(k));
    this.registerOutputs({ adminConnection: this.adminConnection, hostKeyFingerprint: this.hostKeyFingerprint });
  }
}
