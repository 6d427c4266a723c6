import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { isolatedEnvironment, PulumiRun, runPulumi, stackInitOutsideProject } from "../../engine/pulumiEngine";
import { previewViolations } from "../../engine/previewViolations";
import { PROJECT_NAME } from "../../core/configKey";
import { STACKS_DIR, stackFilePath } from "../../core/stackFiles";
import { labInfo, LabHostInfo, labNetworkOf } from "../host/labHost";
import type { LabNetworkPlan } from "../net/labNetworkPlan";
import { assertLabName, DEFAULT_STATE_ROOT, labStateDir } from "../host/labPaths";
import { ensureLabIdentity, LabIdentity } from "./labIdentity";
import { labStackFile, saltOf } from "./labStackFile";
import { labHaOverrides } from "./labHaIdentity";
import { labVpnOverrides } from "./labVpnIdentity";

const USAGE = `usage: npm run lab -- apply --stack NAME [--name LAB] [--identity DIR] [--config KEY=VALUE]... [--preview] [-- PULUMI-ARGS]
  \`pulumi up --policy-pack policies\` (the real Pulumi engine) of stacks/Pulumi.NAME.yaml against the lab host
  LAB (default "lab"). The lab's address, bootstrap login and generated identity are set as config on a working
  copy of the stack file (secrets through \`pulumi config set --secret\`, on stdin); state lives in the lab's own
  file backend. The preview runs the policy pack first: a mandatory violation refuses the update.
  --identity DIR     where the lab's generated keys live (default <lab state dir>/identity)
  --config KEY=VALUE try a variant without editing the stack file, as \`pulumi config set --path\` takes it,
                     e.g. 'ha-hardened-host:hosts[0].sshd.extraSettings.MaxAuthTries=2' (VALUE is JSON or text)
  --preview          \`pulumi preview\` instead of \`pulumi up\`
  -- PULUMI-ARGS     passed on to pulumi (e.g. -- --expect-no-changes)`;

export interface ApplyArgs {
  stack: string;
  name: string;
  identityDir?: string;
  preview: boolean;
  config: Record<string, unknown>;
  pulumiArgs: string[];
}

class UsageError extends Error {}

export function parseApplyArgs(argv: string[]): ApplyArgs {
  const out: ApplyArgs = { stack: "", name: "lab", preview: false, config: {}, pulumiArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (flag: string): string => {
      if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
      const v = argv[++i];
      if (!v) throw new UsageError(`${flag} must be followed by a value`);
      return v;
    };
    if (a === "--") {
      out.pulumiArgs = argv.slice(i + 1);
      break;
    } else if (a === "--stack" || a.startsWith("--stack=")) out.stack = value("--stack");
    else if (a === "--name" || a.startsWith("--name=")) out.name = value("--name");
    else if (a === "--identity" || a.startsWith("--identity=")) out.identityDir = path.resolve(value("--identity"));
    else if (a === "--preview") out.preview = true;
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
    } else if (a === "--help" || a === "-h") throw new UsageError("");
    else throw new UsageError(`unknown argument "${a}"`);
  }
  if (!out.stack) throw new UsageError("--stack is required");
  if (!/^[A-Za-z0-9_.-]+$/.test(out.stack)) throw new UsageError(`--stack must be a stack name (letters, digits, _ . -), got "${out.stack}"`);
  assertLabName(out.name);
  return out;
}

const CFG = `${PROJECT_NAME}:hosts[0]`;

/**
 * What the lab puts in place of the stack's own host facts: where the host is, what it runs, its bootstrap login, and the
 * generated identity. Keys as `pulumi config set --path` takes them; `secret` lists those set as secrets.
 */
export function labOverrides(info: LabHostInfo, id: LabIdentity, net: Pick<LabNetworkPlan, "lanCidr" | "lanCidr6" | "controllerAddress">, stackAdminKeys: string[] = []): { plain: Record<string, unknown>; secret: Record<string, string> } {
  const read = (p: string): string => fs.readFileSync(p, "utf8");
  return {
    plain: {
      [`${CFG}.address`]: info.address,
      [`${CFG}.os`]: info.os,
      [`${CFG}.bootstrap.user`]: info.bootstrapUser,
      [`${CFG}.bootstrap.port`]: info.port,
      [`${CFG}.bootstrap.hostKey`]: info.hostKey,
      // The lab's LAN, and the controller, which reaches the host through the router from outside the LAN.
      [`${CFG}.lanCidrs`]: [net.lanCidr, net.lanCidr6],
      [`${CFG}.firewall.adminCidrs`]: [`${net.controllerAddress}/32`],
      // The stack's own admin keys stay (a user's laptop key still works); the lab's operator key is added.
      [`${CFG}.admin.authorizedKeys`]: [...stackAdminKeys.filter((k) => k.split(" ")[1] !== id.operatorPublicKey.split(" ")[1]), id.operatorPublicKey],
    },
    secret: {
      [`${CFG}.bootstrap.privateKey`]: read(info.privateKeyPath),
      [`${CFG}.automationKey`]: read(id.automationKeyPath),
      [`${CFG}.hostKeys.ed25519`]: read(id.hostEd25519Path),
      [`${CFG}.hostKeys.rsa`]: read(id.hostRsaPath),
    },
  };
}

/** hosts[0].admin.authorizedKeys as the stack file lists them (plain strings only; anything else: none). */
export function stackAdminKeys(stackFileText: string): string[] {
  try {
    const keys = (YAML.parse(stackFileText) as any)?.config?.[`${PROJECT_NAME}:hosts`]?.[0]?.admin?.authorizedKeys;
    return Array.isArray(keys) ? keys.filter((k: unknown): k is string => typeof k === "string") : [];
  } catch {
    return [];
  }
}

export function projectDir(): string {
  // dist/src/lab/apply -> project root; src/lab/apply (ts-jest) -> project root.
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml")) && fs.existsSync(path.join(dir, STACKS_DIR))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find the project root (Pulumi.yaml) above ${__dirname}`);
}

/** The lab's Pulumi workspace: its own file backend, passphrase and working stack file. */
export interface LabWorkspace {
  dir: string;
  env: NodeJS.ProcessEnv;
  stackFile: string;
}

export function labWorkspace(stateDir: string, stack: string): LabWorkspace {
  const dir = path.join(stateDir, "pulumi");
  fs.mkdirSync(path.join(dir, "state"), { recursive: true, mode: 0o700 });
  const passphrase = path.join(dir, "passphrase");
  if (!fs.existsSync(passphrase)) fs.writeFileSync(passphrase, randomBytes(24).toString("base64url") + "\n", { mode: 0o600 });
  const env = isolatedEnvironment(path.join(dir, "state"), { file: passphrase });
  return { dir, env, stackFile: stackFilePath(dir, stack) };
}

/** Counts of the last update (`pulumi stack history`): what the engine did to each resource. */
export interface UpdateCounts {
  create: number;
  update: number;
  replace: number;
  delete: number;
  same: number;
}

export function summarize(c: UpdateCounts): string {
  return `apply done: ${c.create} created, ${c.update} updated, ${c.replace} replaced, ${c.delete} deleted, ${c.same} unchanged`;
}

export interface ApplyOutcome {
  code: number;
  counts?: UpdateCounts;
  ms?: number;
  run?: PulumiRun;
}

/** `npm run lab -- apply`: returns the exit code (0 applied, 1 refused or failed, 2 bad usage or config). */
export async function runApplyCommand(argv: string[], out: (l: string) => void = (l) => process.stdout.write(l + "\n"), err: (l: string) => void = (l) => process.stderr.write(l + "\n")): Promise<number> {
  return (await applyLab(argv, out, err)).code;
}

/** Sets up the lab stack (once), writes the working stack file and sets the secrets on stdin. */
async function prepareStack(ws: LabWorkspace, args: ApplyArgs, info: LabHostInfo, identity: LabIdentity): Promise<string | undefined> {
  const project = projectDir();
  const committed = stackFilePath(path.join(project, STACKS_DIR), args.stack);
  if (!fs.existsSync(committed)) return `stack file ${path.relative(project, committed)} does not exist`;
  const text = fs.readFileSync(committed, "utf8");
  const net = labNetworkOf(args.name);
  if (!net) return `lab ${args.name} has no network plan; run npm run lab -- up --name ${args.name}`;
  const { plain, secret } = labOverrides(info, identity, net, stackAdminKeys(text));
  const previous = fs.existsSync(ws.stackFile) ? saltOf(fs.readFileSync(ws.stackFile, "utf8")) : undefined;
  if (!previous) {
    // `stack init` writes a salt into the project's stack file; a scratch project keeps the committed file as it is.
    const [scratch, initArgs] = stackInitOutsideProject(path.join(ws.dir, "init"), args.stack, PROJECT_NAME);
    const init = await runPulumi(initArgs, { cwd: scratch, env: ws.env, timeoutMs: 120_000 });
    if (init.code !== 0 && !/already exists/.test(init.stderr + init.stdout)) return `pulumi stack init failed (exit ${init.code}): ${(init.stderr || init.stdout).trim()}`;
  }
  let working = labStackFile(text, { ...plain, ...args.config }, previous);
  // The VPN's keys follow the peers the working stack names (the stack's own and those --config adds).
  const vpn = (YAML.parse(working) as any)?.config?.[`${PROJECT_NAME}:hosts`]?.[0]?.vpn;
  const vpnKeys = labVpnOverrides(identity.dir, vpn, info.address, Object.keys(args.config).some((k) => k.startsWith(`${CFG}.vpn.endpoint`)));
  if (Object.keys(vpnKeys.plain).length > 0) working = labStackFile(working, vpnKeys.plain, previous);
  // Home Assistant's owner and secrets.yaml value, when the working stack runs it.
  const haValues = labHaOverrides(identity.dir, (YAML.parse(working) as any)?.config?.[`${PROJECT_NAME}:hosts`]?.[0]?.homeAssistant);
  if (Object.keys(haValues.plain).length > 0) working = labStackFile(working, haValues.plain, previous);
  fs.writeFileSync(ws.stackFile, working, { mode: 0o600 });
  for (const [key, value] of Object.entries({ ...secret, ...vpnKeys.secret, ...haValues.secret })) {
    const r = await runPulumi(["config", "set", "--secret", "--raw", "--path", key, "--stack", args.stack, "--config-file", ws.stackFile, "--non-interactive"], { cwd: project, env: ws.env, input: value, timeoutMs: 120_000 });
    if (r.code !== 0) return `pulumi config set --secret --path '${key}' failed (exit ${r.code}): ${(r.stderr || r.stdout).trim()}`;
  }
  return undefined;
}

/** Why a failed `pulumi up` failed, from what it printed, and whether the host was touched. */
export function classifyFailure(output: string): { code: number; reason: string; touchedHost: boolean } {
  const mandatory = previewViolations(output).filter((v) => v.endsWith(" mandatory")).length;
  if (mandatory > 0) return { code: 1, reason: `refused: ${mandatory} mandatory policy violation(s)`, touchedHost: false };
  if (/error: the stack config has \d+ problems?:/.test(output)) {
    return { code: 2, reason: "refused: the stack config is invalid", touchedHost: false };
  }
  return { code: 1, reason: "pulumi up failed", touchedHost: true };
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
  const ws = labWorkspace(stateDir, args.stack);
  const problem = await prepareStack(ws, args, info, identity);
  if (problem) {
    err(`lab apply: ${problem}`);
    return { code: 1 };
  }

  const t0 = Date.now();
  const pending = { stdout: "", stderr: "" };
  const onOutput = (chunk: string, stream: "stdout" | "stderr"): void => {
    const lines = (pending[stream] + chunk).split("\n");
    pending[stream] = lines.pop() ?? "";
    for (const l of lines) (stream === "stdout" ? out : err)(l);
  };
  const verb = args.preview ? ["preview"] : ["up", "--yes"];
  const run = await runPulumi(
    [...verb, "--stack", args.stack, "--config-file", ws.stackFile, "--policy-pack", path.join(projectDir(), "policies"), "--non-interactive", ...args.pulumiArgs],
    { cwd: projectDir(), env: ws.env, timeoutMs: 30 * 60_000, onOutput },
  );
  if (pending.stdout) out(pending.stdout);
  if (pending.stderr) err(pending.stderr);
  const ms = Date.now() - t0;
  if (run.code !== 0) {
    const why = classifyFailure(run.stdout + run.stderr);
    err(`lab apply: ${why.reason}${why.touchedHost ? ` (exit ${run.code})` : `; nothing was sent to ${info.address}.`}`);
    return { code: why.code, ms, run };
  }
  if (args.preview) return { code: 0, ms, run };

  const history = await runPulumi(["stack", "history", "--json", "--stack", args.stack, "--page-size", "1"], { cwd: projectDir(), env: ws.env, timeoutMs: 120_000 });
  const last = (JSON.parse(history.stdout || "[]") as { resourceChanges?: Partial<UpdateCounts> }[])[0]?.resourceChanges ?? {};
  const counts: UpdateCounts = { create: last.create ?? 0, update: last.update ?? 0, replace: last.replace ?? 0, delete: last.delete ?? 0, same: last.same ?? 0 };
  out(summarize(counts));

  const outputs = await runPulumi(["stack", "output", "--json", "--stack", args.stack], { cwd: projectDir(), env: ws.env, timeoutMs: 120_000 });
  const hosts = (JSON.parse(outputs.stdout || "{}") as { hosts?: Record<string, { adminConnection?: { user?: string; hostKey?: string } }> }).hosts ?? {};
  const admin = Object.values(hosts)[0]?.adminConnection;
  if (admin?.user) {
    const login = { user: admin.user, privateKeyPath: identity.operatorKeyPath, hostKey: admin.hostKey ?? identity.hostEd25519Public };
    fs.writeFileSync(path.join(stateDir, "admin.json"), JSON.stringify(login) + "\n", { mode: 0o600 });
  }
  return { code: 0, counts, ms, run };
}
