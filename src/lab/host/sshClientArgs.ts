import * as fs from "fs";

export interface SshTarget {
  address: string;
  port: number;
  user: string;
  privateKeyPath: string;
  /** Pinned host public key, "ssh-ed25519 AAAA...". */
  hostKey: string;
}

/** Writes a known_hosts file holding only the pinned key (0600). */
export function writeKnownHosts(path: string, target: SshTarget): void {
  const hostField = target.port === 22 ? target.address : `[${target.address}]:${target.port}`;
  fs.writeFileSync(path, `${hostField} ${target.hostKey}\n`, { mode: 0o600 });
}

/** OpenSSH client arguments that trust only the pinned key and use only the given identity, no prompts. */
export function sshClientArgs(target: SshTarget, knownHostsPath: string, connectTimeoutS = 5): string[] {
  return [
    "-F", "/dev/null",
    "-o", "BatchMode=yes",
    "-o", "StrictHostKeyChecking=yes",
    "-o", `UserKnownHostsFile=${knownHostsPath}`,
    "-o", "GlobalKnownHostsFile=/dev/null",
    "-o", `HostKeyAlgorithms=${target.hostKey.split(" ")[0]}`,
    "-o", "IdentitiesOnly=yes",
    "-o", "IdentityAgent=none",
    "-o", `ConnectTimeout=${connectTimeoutS}`,
    "-o", "LogLevel=ERROR",
    "-i", target.privateKeyPath,
    "-p", String(target.port),
    "-l", target.user,
    target.address,
  ];
}
