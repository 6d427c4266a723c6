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
  /** Debian-family release codename (apt suites, update origins). */
  codename: "trixie" | "bookworm" | "noble";
  /** The OpenSSH series the release ships: it decides which algorithms sshd knows (src/concerns/ssh/algorithms.ts). */
  openssh: "10.0" | "9.6" | "9.2";
  /** The release's Podman has Quadlet (4.4 and later): the Home Assistant container is a `.container` file; else a plain user unit. */
  podmanQuadlet: boolean;
  /** true: the lab boots this release and every lab suite runs on it; false: rendered and checked only. */
  labTested: boolean;
  /** What differs from the Debian release it is built on, and why it is not lab-tested; empty for Debian. */
  differs: string;
}

export const OS_IDS = ["debian-13", "debian-12", "raspios-13", "raspios-12", "ubuntu-24.04"] as const;
export type OsId = (typeof OS_IDS)[number];

const DEBIAN = {
  sshService: "ssh",
  nologinShell: "/usr/sbin/nologin",
  sudoGroup: "sudo",
  hasDebianBanner: true,
  sshSocketActivated: false,
  packageManager: "apt",
  basePackages: ["sudo", "openssh-server"],
} as const;

const RASPIOS_DIFFERS =
  "Debian's packages plus the Raspberry Pi archive (archive.raspberrypi.com), which also ships security fixes for the kernel and firmware; not lab-tested, because that archive cannot be reached from the lab.";

export const OS_TABLE: Readonly<Record<OsId, OsProfile>> = {
  "debian-13": { ...DEBIAN, title: "Debian 13 (trixie)", codename: "trixie", openssh: "10.0", podmanQuadlet: true, labTested: true, differs: "" },
  "debian-12": { ...DEBIAN, title: "Debian 12 (bookworm)", codename: "bookworm", openssh: "9.2", podmanQuadlet: false, labTested: true, differs: "" },
  "raspios-13": { ...DEBIAN, title: "Raspberry Pi OS 13 (trixie)", codename: "trixie", openssh: "10.0", podmanQuadlet: true, labTested: false, differs: RASPIOS_DIFFERS },
  "raspios-12": { ...DEBIAN, title: "Raspberry Pi OS 12 (bookworm)", codename: "bookworm", openssh: "9.2", podmanQuadlet: false, labTested: false, differs: RASPIOS_DIFFERS },
  "ubuntu-24.04": {
    ...DEBIAN,
    title: "Ubuntu 24.04 LTS (noble)",
    sshSocketActivated: true,
    codename: "noble",
    openssh: "9.6",
    podmanQuadlet: true,
    labTested: false,
    differs:
      "sshd starts from ssh.socket, security fixes come from Ubuntu's noble-security pocket, and OpenSSH 9.6 lacks ML-KEM; not lab-tested, because Ubuntu's archive cannot be reached from the lab.",
  },
};
