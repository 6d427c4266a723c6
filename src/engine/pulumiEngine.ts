import { spawn, spawnSync } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Thrown when no Pulumi CLI is on PATH and `npm run engine` has not built one. */
export class EngineMissingError extends Error {
  constructor() {
    super("no Pulumi CLI found: install it (https://www.pulumi.com/docs/install/) or run `npm run engine`, which builds it");
    this.name = "EngineMissingError";
  }
}

/** Where the project keeps its default local backend and passphrase (git-ignored). */
export const LOCAL_DIR = ".pulumi-local";

/** engine/build.sh of the installed project (found from this file, wherever the user works). */
export function engineScript(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const script = path.join(dir, "engine", "build.sh");
    if (fs.existsSync(script)) return script;
  }
  throw new EngineMissingError();
}

/** The directory holding `pulumi`: the engine script's answer (PATH or its cache), never a build. */
export function locateEngine(): string {
  const r = spawnSync("bash", [engineScript(), "--locate"], { encoding: "utf8", timeout: 60_000 });
  const dir = r.status === 0 ? r.stdout.trim().split("\n").pop() : undefined;
  if (!dir || !fs.existsSync(path.join(dir, "pulumi"))) throw new EngineMissingError();
  return dir;
}

/** True when a Pulumi backend is chosen outside this project: PULUMI_BACKEND_URL, or a `pulumi login`. */
export function backendChosen(env: NodeJS.ProcessEnv): boolean {
  if (env.PULUMI_BACKEND_URL) return true;
  const home = env.PULUMI_HOME || path.join(os.homedir(), ".pulumi");
  try {
    const creds = JSON.parse(fs.readFileSync(path.join(home, "credentials.json"), "utf8")) as { current?: string };
    return Boolean(creds.current);
  } catch {
    return false;
  }
}

export interface PulumiEnvironment {
  env: NodeJS.ProcessEnv;
  /** One line each on what was chosen for the user (backend, passphrase), to print. */
  notes: string[];
}

/**
 * The environment `pulumi` runs in for this project: the engine's directory first on PATH, no update check,
 * and, when no backend is chosen, a file backend and passphrase file inside the project. A passphrase file is
 * generated once (0600) when neither PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE is set.
 */
export function pulumiEnvironment(projectDir: string, base: NodeJS.ProcessEnv = process.env): PulumiEnvironment {
  const engineDir = locateEngine();
  const env: NodeJS.ProcessEnv = {
    ...base,
    PATH: `${engineDir}${path.delimiter}${base.PATH ?? ""}`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  const notes: string[] = [];
  if (!backendChosen(base)) {
    const local = path.join(projectDir, LOCAL_DIR);
    const state = path.join(local, "state");
    fs.mkdirSync(state, { recursive: true, mode: 0o700 });
    env.PULUMI_BACKEND_URL = `file://${state}`;
    notes.push(`pulumi: no backend logged in: using the local file backend ${LOCAL_DIR}/state (set PULUMI_BACKEND_URL or run \`pulumi login\` to choose another)`);
    if (base.PULUMI_CONFIG_PASSPHRASE === undefined && !base.PULUMI_CONFIG_PASSPHRASE_FILE) {
      const file = path.join(local, "passphrase");
      if (!fs.existsSync(file)) {
        fs.writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
        notes.push(`pulumi: generated a secrets passphrase in ${LOCAL_DIR}/passphrase (0600): back it up, the stack's secrets cannot be decrypted without it`);
      }
      env.PULUMI_CONFIG_PASSPHRASE_FILE = file;
      notes.push(`pulumi: secrets passphrase from ${LOCAL_DIR}/passphrase (set PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE to use your own)`);
    }
  }
  return { env, notes };
}

/**
 * The environment of a throw-away or per-lab workspace: the engine first on PATH, its own file backend in
 * `stateDir`, its own passphrase (a file, or a value for tests), no update check, no plugin download.
 */
export function isolatedEnvironment(stateDir: string, passphrase: { file: string } | { value: string }, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    PATH: `${locateEngine()}${path.delimiter}${base.PATH ?? ""}`,
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  delete env.PULUMI_CONFIG_PASSPHRASE;
  delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
  if ("file" in passphrase) env.PULUMI_CONFIG_PASSPHRASE_FILE = passphrase.file;
  else env.PULUMI_CONFIG_PASSPHRASE = passphrase.value;
  return env;
}

/**
 * `pulumi stack init` writes the passphrase salt into the project's stack file: run from this scratch project
 * (only a Pulumi.yaml with the project's name), it leaves the committed stacks/ alone. Returns [cwd, args].
 */
export function stackInitOutsideProject(dir: string, stack: string, project: string): [string, string[]] {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\n`);
  return [dir, ["stack", "init", stack, "--secrets-provider", "passphrase", "--non-interactive"]];
}

export interface PulumiRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunPulumiOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Written to the CLI's stdin, then closed (secrets travel here, never in argv). */
  input?: string;
  timeoutMs?: number;
  /** Called with each chunk the CLI prints, as it prints it. */
  onOutput?: (chunk: string, stream: "stdout" | "stderr") => void;
}

/** Runs `pulumi ARGS`, bounded by timeoutMs (SIGINT, then SIGKILL 30 s later). */
export function runPulumi(args: string[], opts: RunPulumiOptions): Promise<PulumiRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", args, { cwd: opts.cwd, env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let hard: NodeJS.Timeout | undefined;
    const soft = setTimeout(() => {
      child.kill("SIGINT");
      hard = setTimeout(() => child.kill("SIGKILL"), 30_000);
    }, opts.timeoutMs ?? 30 * 60_000);
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      opts.onOutput?.(d.toString(), "stdout");
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      opts.onOutput?.(d.toString(), "stderr");
    });
    child.on("error", (e) => {
      clearTimeout(soft);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(soft);
      if (hard) clearTimeout(hard);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? "");
  });
}
