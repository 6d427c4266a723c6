import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { formatChecklist } from "../../check/checklistReport";
import { CheckResult, runCheck } from "../../check/runCheck";
import { labInfo } from "../host/labHost";
import { assertLabName, DEFAULT_STATE_ROOT, labStateDir } from "../host/labPaths";
import { runApply, summarize } from "./applyEngine";
import { applyStatePath } from "./applyState";
import { ensureLabIdentity, LabIdentity } from "./labIdentity";

const USAGE = `usage: npm run lab -- apply --stack NAME [--name LAB] [--identity DIR] [--config KEY=VALUE]... [--quiet-checklist]
  Replays stacks/Pulumi.NAME.yaml onto the lab host LAB (default "lab"): the policy pack judges the
  captured resources first (a mandatory violation refuses the apply), then every command runs over SSH
  with @pulumi/command 1.2.1's semantics. The lab's stand-in for \`pulumi up\`.
  --identity DIR     where the lab's generated keys live (default <lab state dir>/identity)
  --config KEY=VALUE try a variant without editing the stack file, as \`pulumi config set --path\` takes it,
                     e.g. 'ha-hardened-host:hosts[0].sshd.extraSettings.MaxAuthTries=2' (VALUE is JSON or text)`;

export interface ApplyArgs {
  stack: string;
  name: string;
  identityDir?: string;
  quietChecklist: boolean;
  config: Record<string, unknown>;
}

export function parseApplyArgs(argv: string[]): ApplyArgs {
  const out: Partial<ApplyArgs> & { config: Record<string, unknown> } = { name: "lab", quietChecklist: false, config: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (flag: string): string => {
      if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
      const v = argv[++i];
      if (!v) throw new UsageError(`${flag} must be followed by a value`);
      return v;
    };
    if (a === "--stack" || a.startsWith("--stack=")) out.stack = value("--stack");
    else if (a === "--name" || a.startsWith("--name=")) out.name = value("--name");
    else if (a === "--identity" || a.startsWith("--identity=")) out.identityDir = path.resolve(value("--identity"));
    else if (a === "--quiet-checklist") out.quietChecklist = true;
    else if (a === "--config" || a.startsWith("--config=")) {
      const kv = value("--config");
      const eq = kv.indexOf("=");
      if (eq < 1 || !/^[a-z0-9-]+:[A-Za-z]/.test(kv)) throw new UsageError(`--config must be PROJECT:KEY.PATH=VALUE, got "${kv}"`);
      const raw = kv.slice(eq + 1);
      let v: unknown = raw;
      try {
        v = JSON.parse(raw);
      } catch {
        v = raw;
      }
      out.config[kv.slice(0, eq)] = v;
    }
    else if (a === "--help" || a === "-h") throw new UsageError("");
    else throw new UsageError(`unknown argument "${a}"`);
  }
  if (!out.stack) throw new UsageError("--stack is required");
  if (!/^[A-Za-z0-9_.-]+$/.test(out.stack)) throw new UsageError(`--stack must be a stack name (letters, digits, _ . -), got "${out.stack}"`);
  assertLabName(out.name!);
  return out as ApplyArgs;
}

class UsageError extends Error {}

const CFG = "ha-hardened-host:hosts[0]";

/**
 * Config for the lab host in place of the stack's `secure:` values (which only the Pulumi CLI decrypts):
 * where the host is, its bootstrap login, and generated identity. Keys as `pulumi config set --path` takes them.
 */
export function labOverrides(info: NonNullable<ReturnType<typeof labInfo>>, id: LabIdentity, stackAdminKeys: string[] = []): { overrides: Record<string, unknown>; secret: string[] } {
  const read = (p: string): string => fs.readFileSync(p, "utf8");
  const overrides: Record<string, unknown> = {
    [`${CFG}.address`]: info.address,
    [`${CFG}.bootstrap.user`]: info.bootstrapUser,
    [`${CFG}.bootstrap.port`]: info.port,
    [`${CFG}.bootstrap.hostKey`]: info.hostKey,
    [`${CFG}.bootstrap.privateKey`]: read(info.privateKeyPath),
    [`${CFG}.automationKey`]: read(id.automationKeyPath),
    [`${CFG}.hostKeys.ed25519`]: read(id.hostEd25519Path),
    [`${CFG}.hostKeys.rsa`]: read(id.hostRsaPath),
    // The stack's own admin keys stay (a user's laptop key still works); the lab's operator key is added.
    [`${CFG}.admin.authorizedKeys`]: [...stackAdminKeys.filter((k) => k.split(" ")[1] !== id.operatorPublicKey.split(" ")[1]), id.operatorPublicKey],
  };
  const secret = [`${CFG}.bootstrap.privateKey`, `${CFG}.automationKey`, `${CFG}.hostKeys.ed25519`, `${CFG}.hostKeys.rsa`];
  return { overrides, secret };
}

/** hosts[0].admin.authorizedKeys as the stack file lists them (plain strings only; anything else: none). */
export function stackAdminKeys(dir: string, stack: string): string[] {
  try {
    const doc = YAML.parse(fs.readFileSync(path.join(dir, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as any;
    const keys = doc?.config?.["ha-hardened-host:hosts"]?.[0]?.admin?.authorizedKeys;
    return Array.isArray(keys) ? keys.filter((k: unknown): k is string => typeof k === "string") : [];
  } catch {
    return [];
  }
}

export function projectDir(): string {
  // dist/src/lab/apply -> project root; src/lab/apply (ts-jest) -> project root.
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml")) && fs.existsSync(path.join(dir, "stacks"))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find the project root (Pulumi.yaml) above ${__dirname}`);
}

/** The admin user the stack configures, read back from the captured verify-login or user steps. */
function adminUserOf(result: Extract<CheckResult, { kind: "checked" }>): string | undefined {
  for (const r of result.resources) {
    const create = (r.inputs as Record<string, unknown>).create;
    if (typeof create !== "string") continue;
    const first = create.split("\n", 1)[0];
    const m = /^# ha-hardened-host-step (\{.*\})$/.exec(first);
    if (!m) continue;
    const manifest = JSON.parse(m[1]) as { kind: string; user?: string };
    if (manifest.kind === "verify-login" && manifest.user) return manifest.user;
  }
  return undefined;
}

export interface ApplyOutcome {
  code: number;
  commandsRun?: number;
  ms?: number;
}

/** `npm run lab -- apply`: returns the exit code (0 applied, 1 refused or failed, 2 bad usage or config). */
export async function runApplyCommand(argv: string[], out: (l: string) => void = (l) => process.stdout.write(l + "\n"), err: (l: string) => void = (l) => process.stderr.write(l + "\n")): Promise<number> {
  return (await applyLab(argv, out, err)).code;
}

export async function applyLab(argv: string[], out: (l: string) => void, err: (l: string) => void): Promise<ApplyOutcome> {
  let args: ApplyArgs;
  try {
    args = parseApplyArgs(argv);
  } catch (e) {
    if (e instanceof UsageError && e.message === "") {
      out(USAGE);
      return { code: 0 };
    }
    err((e instanceof UsageError ? `lab apply: ${e.message}\n` : `lab apply: ${(e as Error).message}\n`) + USAGE);
    return { code: 2 };
  }
  const info = labInfo(args.name);
  if (!info) {
    err(`lab apply: lab "${args.name}" is not running; start it with: npm run lab -- up --name ${args.name}`);
    return { code: 1 };
  }
  const stateDir = labStateDir(args.name, DEFAULT_STATE_ROOT);
  const identity = ensureLabIdentity(args.identityDir ?? path.join(stateDir, "identity"));
  const { overrides: labValues, secret } = labOverrides(info, identity, stackAdminKeys(projectDir(), args.stack));
  const overrides = { ...labValues, ...args.config };

  const t0 = Date.now();
  const check: CheckResult = await runCheck({ projectDir: projectDir(), stack: args.stack, overrides, secretOverrides: secret, preview: false });
  if (check.kind === "config-error") {
    err(`ha-hardened-host: ${check.message}`);
    err(`lab apply: refused: the stack config is invalid; nothing was sent to ${info.address}.`);
    return { code: 2 };
  }
  if (!args.quietChecklist) out(formatChecklist(check.checklist));
  for (const v of check.violations) out(`${v.enforcementLevel} violation [${v.policy}] ${v.resource}\n    ${v.message}`);
  if (check.mandatory > 0) {
    err(`lab apply: refused: ${check.mandatory} mandatory policy violation(s); nothing was sent to ${info.address}.`);
    return { code: 1 };
  }
  out(`policy gate passed in ${Date.now() - t0} ms; applying stack ${args.stack} to lab ${args.name} (${info.address})`);

  const summary = await runApply({
    stack: args.stack,
    captured: check.resources,
    statePath: applyStatePath(stateDir, args.stack),
    extraSecrets: [fs.readFileSync(info.privateKeyPath, "utf8")],
    log: out,
  });
  out(summarize(summary));
  if (!summary.ok) {
    err(`lab apply: ${summary.error}`);
    return { code: 1, commandsRun: summary.commandsRun, ms: summary.ms };
  }
  const adminUser = adminUserOf(check);
  if (adminUser) {
    const admin = { user: adminUser, privateKeyPath: identity.operatorKeyPath, hostKey: identity.hostEd25519Public };
    fs.writeFileSync(path.join(stateDir, "admin.json"), JSON.stringify(admin) + "\n", { mode: 0o600 });
  }
  return { code: 0, commandsRun: summary.commandsRun, ms: summary.ms };
}
