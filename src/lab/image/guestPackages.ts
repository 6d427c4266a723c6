/** A Debian package the lab image needs, with the reason it is there. */
export interface LabPackage {
  name: string;
  reason: string;
}

/** Installed in the image: what a freshly imaged Debian box has (sudo deliberately absent). */
export const imagePackages: readonly LabPackage[] = [
  { name: "systemd", reason: "PID 1 inside the nspawn container, like a real box" },
  { name: "systemd-sysv", reason: "provides /sbin/init for --boot" },
  { name: "dbus", reason: "systemctl and systemd-run talk to systemd over it" },
  { name: "openssh-server", reason: "the only door the provisioning uses" },
  { name: "iproute2", reason: "`ip route` checks and WireGuard setup inside the guest" },
  { name: "ca-certificates", reason: "present on every stock Debian install" },
  { name: "procps", reason: "ps/sysctl, present on every stock Debian install" },
];

/**
 * Served to the guest from the lab's offline apt repository (with dependencies and Recommends),
 * so the provisioning's real `apt-get install` runs without internet.
 */
export const guestPackages: readonly LabPackage[] = [
  { name: "sudo", reason: "phase 1 installs it for the admin user" },
  { name: "openssh-server", reason: "phase 1 (re)installs it; the repo must offer the installed version" },
  { name: "nftables", reason: "host firewall, for the concern that will install it" },
  { name: "wireguard-tools", reason: "remote access over WireGuard, for the concern that will install it" },
  { name: "wireguard-go", reason: "the lab kernel has no wireguard module; wg-quick falls back to it" },
  { name: "fail2ban", reason: "brute-force banning, for the concern that will install it" },
  { name: "unattended-upgrades", reason: "automatic security updates, for the concern that will install it" },
  { name: "nginx", reason: "TLS reverse proxy in front of Home Assistant, for the concern that will install it" },
  { name: "systemd-timesyncd", reason: "the lockdown concern installs it to keep the clock synchronised (a separate package since Debian 11)" },
  { name: "libpam-pwquality", reason: "the lockdown concern installs it so any password set later must be strong" },
  { name: "libpam-tmpdir", reason: "the lockdown concern installs it for a private temporary directory per user" },
  { name: "debsums", reason: "the lockdown concern installs it to verify installed files against their packages" },
  { name: "auditd", reason: "the lockdown concern installs it with its audit rules" },
  { name: "apparmor", reason: "the lockdown concern installs it for mandatory access control" },
  { name: "acct", reason: "the lockdown concern installs it for process accounting" },
  { name: "aide", reason: "the lockdown concern installs it for file integrity checking" },
  { name: "aide-common", reason: "the lockdown concern initialises AIDE's database with its aideinit" },
  { name: "apt-listchanges", reason: "the lockdown concern installs it so changes are shown before an upgrade" },
  { name: "cron", reason: "on every standard Debian install; the lockdown lab test installs it to see /etc/cron.allow refuse a user" },
  { name: "lynis", reason: "the benchmark's hardening index, run inside the guest" },
  { name: "podman", reason: "runs the Home Assistant image rootless, as the homeassistant user" },
  { name: "uidmap", reason: "newuidmap/newgidmap: rootless podman maps the user's subordinate ID ranges with them" },
  { name: "fuse-overlayfs", reason: "container storage when native overlay is refused, as over the lab's own overlay root" },
  { name: "passt", reason: "pasta, rootless podman's default user-mode network" },
  { name: "crun", reason: "the OCI runtime Debian's podman prefers" },
  { name: "catatonit", reason: "the init podman runs as PID 1 of a container started with --init" },
  { name: "dbus-user-session", reason: "a user bus for the rootless user's systemd cgroup manager" },
];
