import { spawn } from "child_process";

export interface GroupRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs a command in its own process group, stdin written then closed, wall time measured; at timeoutMs the whole
 * group is killed (SIGINT, then SIGKILL 20 s later), so the plugins a killed `pulumi` started (language host,
 * policy pack, provider) or the compilers of a killed build die with it instead of being left behind.
 */
export function runGroup(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; input?: string; timeoutMs: number }): Promise<GroupRun> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["pipe", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let hard: NodeJS.Timeout | undefined;
    const killGroup = (signal: NodeJS.Signals): void => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        /* the group is gone */
      }
    };
    const soft = setTimeout(() => {
      timedOut = true;
      killGroup("SIGINT");
      hard = setTimeout(() => killGroup("SIGKILL"), 20_000);
    }, opts.timeoutMs);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (e) => {
      clearTimeout(soft);
      if (hard) clearTimeout(hard);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(soft);
      if (hard) clearTimeout(hard);
      if (timedOut) killGroup("SIGKILL"); // whatever of the group outlived its leader
      resolve({ code, signal, ms: Number(process.hrtime.bigint() - t0) / 1e6, stdout, stderr, timedOut });
    });
    child.stdin.on("error", () => undefined); // a command that exits without reading its stdin
    child.stdin.end(opts.input ?? "");
  });
}
