/** What differs between the supported operating systems, as data. Keys are the `os` config values. */
export interface OsProfile {
  /** Human name for messages and docs. */
  title: string;
  /** systemd unit of the SSH server (Debian names it `ssh`, not `sshd`). */
  sshService: string;
  /** A login shell that refuses interactive logins. */
  nologinShell: string;
  /** Members of this group get sudo via the distribution's /etc/sudoers. */
  sudoGroup: string;
  /** Debian's patched sshd knows `DebianBanner`; upstream sshd rejects it. */
  hasDebianBanner: boolean;
  /** sshd starts from ssh.socket (Ubuntu 24.04): a Port change needs the socket restarted. */
  sshSocketActivated: boolean;
  /** Package manager the provisioning drives. */
  packageManager: "apt";
  /** Packages every host needs before sshd is configured. */
  basePackages: readonly string[];
}

export const OS_IDS = ["debian-12", "raspios-12", "ubuntu-24.04"] as const;
export type OsId = (typeof OS_IDS)[number];

export const OS_TABLE: Readonly<Record<OsId, OsProfile>> = {
  "debian-12": {
    title: "Debian 12 (bookworm)",
    sshService: "ssh",
    nologinShell: "/usr/sbin/nologin",
    sudoGroup: "sudo",
    hasDebianBanner: true,
    sshSocketActivated: false,
    packageManager: "apt",
    basePackages: ["sudo", "openssh-server"],
  },
  "raspios-12": {
    title: "Raspberry Pi OS 12 (bookworm)",
    sshService: "ssh",
    nologinShell: "/usr/sbin/nologin",
    sudoGroup: "sudo",
    hasDebianBanner: true,
    sshSocketActivated: false,
    packageManager: "apt",
    basePackages: ["sudo", "openssh-server"],
  },
  "ubuntu-24.04": {
    title: "Ubuntu 24.04 LTS (noble)",
    sshService: "ssh",
    nologinShell: "/usr/sbin/nologin",
    sudoGroup: "sudo",
    hasDebianBanner: true,
    sshSocketActivated: true,
    packageManager: "apt",
    basePackages: ["sudo", "openssh-server"],
  },
};
