import { spawn } from "child_process";
import * as fs from "fs";
import { RunResult } from "../host/runCommand";
import { SshTarget, sshClientArgs, writeKnownHosts } from "../host/sshClientArgs";

/** Runs a script on a host over SSH (pinned key), its stdin a string or a file's bytes; bounded. */
export type GuestShell = (script: string, opts?: { stdin?: string; stdinFile?: string; timeoutMs?: number }) => Promise<RunResult>;

export function guestShell(target: SshTarget, knownHostsPath: string): GuestShell {
  writeKnownHosts(knownHostsPath, target);
  return (script, opts = {}) =>
    new Promise((resolve, reject) => {
      const timeoutMs = opts.timeoutMs ?? 120_000;
      const child = spawn("ssh", [...sshClientArgs(target, knownHostsPath), script], { stdio: ["pipe", "pipe", "pipe"] });
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
        reject(new Error(`ssh to ${target.address}: cannot start (${err.message})`));
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        if (timedOut) reject(new Error(`ssh to ${target.address}: \`${script.slice(0, 80)}\` timed out after ${timeoutMs} ms`));
        else resolve({ code: code ?? 128, stdout, stderr });
      });
      child.stdin.on("error", () => undefined);
      if (opts.stdinFile) fs.createReadStream(opts.stdinFile).pipe(child.stdin);
      else child.stdin.end(opts.stdin ?? "");
    });
}
