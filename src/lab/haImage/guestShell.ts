import { runCommand, RunResult } from "../host/runCommand";
import { SshTarget, sshClientArgs, writeKnownHosts } from "../host/sshClientArgs";

/** Runs a script on a host over SSH (pinned key), its stdin a string or a file's bytes; bounded. */
export type GuestShell = (script: string, opts?: { stdin?: string; stdinFile?: string; timeoutMs?: number }) => Promise<RunResult>;

export function guestShell(target: SshTarget, knownHostsPath: string): GuestShell {
  writeKnownHosts(knownHostsPath, target);
  return (script, opts = {}) =>
    runCommand("ssh", [...sshClientArgs(target, knownHostsPath), script], { stdin: opts.stdin, stdinFile: opts.stdinFile, timeoutMs: opts.timeoutMs, allowFailure: true });
}
