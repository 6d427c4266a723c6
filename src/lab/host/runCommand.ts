import { spawn } from "child_process";
import * as fs from "fs";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Piped to the child's stdin (the only way secrets may travel). */
  stdin?: string;
  /** A file streamed to the child's stdin instead (large payloads, e.g. an image archive). */
  stdinFile?: string;
  /** Kill the child after this many ms (every lab call is bounded). */
  timeoutMs?: number;
  /** Resolve with the exit code instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
  cwd?: string;
}

/** Runs a command without a shell; throws an error naming the command, exit code and stderr tail unless allowFailure. */
export function runCommand(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`${cmd}: cannot start (${err.message}); is it installed? Run .ci/install-lab-deps.sh`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const result = { code: code ?? 128, stdout, stderr };
      if (timedOut) {
        reject(new Error(`${cmd} ${args.join(" ")}: timed out after ${timeoutMs} ms`));
      } else if (result.code !== 0 && !opts.allowFailure) {
        const tail = stderr.trim().split("\n").slice(-8).join("\n");
        reject(new Error(`${cmd} ${args.join(" ")}: exit code ${result.code}${signal ? ` (${signal})` : ""}\n${tail}`));
      } else {
        resolve(result);
      }
    });
    child.stdin.on("error", () => undefined);
    if (opts.stdinFile) fs.createReadStream(opts.stdinFile).pipe(child.stdin);
    else child.stdin.end(opts.stdin ?? "");
  });
}
