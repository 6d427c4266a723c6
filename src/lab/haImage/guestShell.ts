import * as fs from "fs";
import * as path from "path";
import { shellQuote } from "../../core/remoteScript";
import { runCommand, RunResult } from "../host/runCommand";
import { SshTarget, sshClientArgs, writeKnownHosts } from "../host/sshClientArgs";

/** Runs a script on a host over SSH (pinned key), its stdin a string or a file's bytes; bounded. */
export type GuestShell = (script: string, opts?: { stdin?: string; stdinFile?: string; timeoutMs?: number }) => Promise<RunResult>;

export function guestShell(target: SshTarget, knownHostsPath: string): GuestShell {
  writeKnownHosts(knownHostsPath, target);
  return (script, opts = {}) =>
    runCommand("ssh", [...sshClientArgs(target, knownHostsPath), script], { stdin: opts.stdin, stdinFile: opts.stdinFile, timeoutMs: opts.timeoutMs, allowFailure: true });
}

/** A root shell on an applied lab host: the admin login the apply recorded in `<stateDir>/admin.json`, through sudo. */
export function adminRootShell(stateDir: string, host: { address: string; port: number }, knownHostsPath: string): GuestShell {
  const a = JSON.parse(fs.readFileSync(path.join(stateDir, "admin.json"), "utf8")) as { user: string; privateKeyPath: string; hostKey: string };
  const admin = guestShell({ address: host.address, port: host.port, user: a.user, privateKeyPath: a.privateKeyPath, hostKey: a.hostKey }, knownHostsPath);
  return (script, opts) => admin(`sudo -n bash -c ${shellQuote(script)}`, opts);
}

/** Runs `script` and returns its stdout; unless it exits 0, throws naming `what`, the exit code and stderr's last lines. */
export async function mustRun(shell: GuestShell, what: string, script: string, timeoutMs = 300_000): Promise<string> {
  const r = await shell(script, { timeoutMs });
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.stderr.trim().split("\n").slice(-5).join(" | ")}`);
  return r.stdout;
}
