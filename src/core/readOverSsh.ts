import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A host to read from: the login and the host key it must present (`ssh-ed25519 AAAA…`). */
export interface SshTarget {
  host: string;
  port: number;
  user: string;
  /** OpenSSH private key. Written to a 0600 file in a 0700 directory for the one login, then removed. */
  privateKey: string;
  hostKey: string;
}

export interface SshRead {
  /**
   * The remote command's exit code; 255: ssh itself failed (refused, unreachable, host key or login refused);
   * 124: no answer within the time limit (ssh stopped, as timeout(1) reports it); 127: no ssh here.
   */
  code: number;
  stdout: string;
  stderr: string;
}

/** The alias the pinned host key is filed under, so the port or an IPv6 literal never changes the lookup. */
const HOST_KEY_ALIAS = "ha-hardened-host-pinned";

/** The OpenSSH client's arguments for one read: no user config, no agent, only this key, only the pinned host key. */
export function sshReadArgs(t: Pick<SshTarget, "host" | "port" | "user">, files: { key: string; knownHosts: string }, command: string, connectTimeoutSeconds: number): string[] {
  const options = {
    BatchMode: "yes",
    IdentitiesOnly: "yes",
    IdentityAgent: "none",
    IdentityFile: files.key,
    UserKnownHostsFile: files.knownHosts,
    GlobalKnownHostsFile: "/dev/null",
    StrictHostKeyChecking: "yes",
    HostKeyAlias: HOST_KEY_ALIAS,
    HostKeyAlgorithms: "ssh-ed25519",
    ConnectTimeout: String(connectTimeoutSeconds),
    LogLevel: "ERROR",
  };
  return ["-F", "none", ...Object.entries(options).flatMap(([k, v]) => ["-o", `${k}=${v}`]), "-p", String(t.port), "-l", t.user, "--", t.host, command];
}

/**
 * Runs `command` on the host over a NEW OpenSSH login that trusts only the pinned host key, and returns what it
 * printed. ssh is stopped after `timeoutMs` (code 124). Nothing secret is on the command line; the key file is
 * gone when the promise settles.
 */
export async function readOverSsh(t: SshTarget, command: string, opts: { timeoutMs?: number; ssh?: string } = {}): Promise<SshRead> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ha-hardened-host-read-"));
  try {
    fs.chmodSync(dir, 0o700);
    const files = { key: path.join(dir, "key"), knownHosts: path.join(dir, "known_hosts") };
    fs.writeFileSync(files.key, t.privateKey.endsWith("\n") ? t.privateKey : `${t.privateKey}\n`, { mode: 0o600 });
    fs.writeFileSync(files.knownHosts, `${HOST_KEY_ALIAS} ${t.hostKey.trim().split(/\s+/).slice(0, 2).join(" ")}\n`, { mode: 0o600 });
    // Two minutes: a login to a small box that is busy (Home Assistant starting, say) can take most of one.
    const timeoutMs = opts.timeoutMs ?? 120_000;
    const args = sshReadArgs(t, files, command, Math.max(1, Math.min(15, Math.floor(timeoutMs / 1000))));
    return await new Promise<SshRead>((resolve) => {
      const child = spawn(opts.ssh ?? "ssh", args, { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        stderr += `no answer within ${Math.round(timeoutMs / 1000)} s\n`;
        child.kill("SIGKILL");
      }, timeoutMs);
      child.on("error", (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (e.code === "ENOENT") resolve({ code: 127, stdout, stderr: `the OpenSSH client (${opts.ssh ?? "ssh"}) is not installed on this machine\n` });
        else resolve({ code: 255, stdout, stderr: `${stderr}${e.message}\n` });
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code: timedOut ? 124 : (code ?? 255), stdout, stderr });
      });
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
