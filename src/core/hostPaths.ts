/** Where the program puts things on a host, as data. */
export const HOST_PATHS = {
  /** Sorts first in sshd_config.d, and sshd keeps the first value it reads: the drop-in wins over later files. */
  sshdDropIn: "/etc/ssh/sshd_config.d/00-ha-hardened-host.conf",
  /** The main config whose `Include /etc/ssh/sshd_config.d/*.conf` reads the drop-in. */
  sshdMainConfig: "/etc/ssh/sshd_config",
  sshdBinary: "/usr/sbin/sshd",
  hostKeyDir: "/etc/ssh/ha-hardened-host",
  moduli: "/etc/ssh/moduli",
  /** Backups, markers and the rollback script (root only). */
  stateDir: "/var/lib/ha-hardened-host",
  sudoersDir: "/etc/sudoers.d",
  homeassistantHome: "/var/lib/homeassistant",
} as const;

export type HostKeyKind = "ed25519" | "rsa";

export function hostKeyPath(kind: HostKeyKind): string {
  return `${HOST_PATHS.hostKeyDir}/ssh_host_${kind}_key`;
}
