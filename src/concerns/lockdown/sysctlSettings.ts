import type { LockdownSetting } from "./lockdownSetting";

/**
 * The sysctls written to /etc/sysctl.d. IP forwarding (net.ipv4.ip_forward, net.ipv*.conf.*.forwarding) is
 * deliberately absent: the WireGuard VPN on wg0 forwards, and switching it off here would cut remote access.
 */
export const SYSCTL_SETTINGS: readonly LockdownSetting[] = [
  { key: "net.ipv4.conf.all.accept_redirects", value: "0", reason: "A forged ICMP redirect must not reroute the host's traffic.", source: "CIS Debian 3.3.2; Lynis KRNL-6000" },
  { key: "net.ipv4.conf.default.accept_redirects", value: "0", reason: "New interfaces (wg0) start without accepting redirects.", source: "CIS Debian 3.3.2; Lynis KRNL-6000" },
  { key: "net.ipv6.conf.all.accept_redirects", value: "0", reason: "The IPv6 form of the same rerouting attack.", source: "CIS Debian 3.3.2; Lynis KRNL-6000" },
  { key: "net.ipv6.conf.default.accept_redirects", value: "0", reason: "New interfaces start without accepting IPv6 redirects.", source: "CIS Debian 3.3.2; Lynis KRNL-6000" },
  { key: "net.ipv4.conf.all.secure_redirects", value: "0", reason: "Even a redirect from the gateway is not trusted; a home LAN has one route out.", source: "CIS Debian 3.3.3" },
  { key: "net.ipv4.conf.default.secure_redirects", value: "0", reason: "The same for new interfaces.", source: "CIS Debian 3.3.3" },
  { key: "net.ipv4.conf.all.send_redirects", value: "0", reason: "The host is no router on the LAN; sending redirects only helps a spoofer.", source: "CIS Debian 3.3.1; Lynis KRNL-6000" },
  { key: "net.ipv4.conf.default.send_redirects", value: "0", reason: "The same for new interfaces.", source: "CIS Debian 3.3.1" },
  { key: "net.ipv4.conf.all.accept_source_route", value: "0", reason: "A sender must not choose the path its packets take through the host.", source: "CIS Debian 3.3.8; Lynis KRNL-6000" },
  { key: "net.ipv4.conf.default.accept_source_route", value: "0", reason: "The same for new interfaces.", source: "CIS Debian 3.3.8; Lynis KRNL-6000" },
  { key: "net.ipv6.conf.all.accept_source_route", value: "0", reason: "IPv6 source routing, refused likewise.", source: "CIS Debian 3.3.8; Lynis KRNL-6000" },
  { key: "net.ipv6.conf.default.accept_source_route", value: "0", reason: "The same for new interfaces.", source: "CIS Debian 3.3.8; Lynis KRNL-6000" },
  { key: "net.ipv4.conf.all.rp_filter", value: "1", reason: "Drops packets whose source could not be reached back the way they came (spoofing).", source: "CIS Debian 3.3.7; Lynis KRNL-6000" },
  { key: "net.ipv4.conf.default.rp_filter", value: "1", reason: "The same for new interfaces.", source: "CIS Debian 3.3.7" },
  { key: "net.ipv4.conf.all.log_martians", value: "1", reason: "Impossible source addresses are logged, a sign of spoofing.", source: "CIS Debian 3.3.4; Lynis KRNL-6000" },
  { key: "net.ipv4.conf.default.log_martians", value: "1", reason: "The same for new interfaces.", source: "CIS Debian 3.3.4; Lynis KRNL-6000" },
  { key: "net.ipv4.tcp_syncookies", value: "1", reason: "A SYN flood cannot fill the connection backlog.", source: "CIS Debian 3.3.10; Lynis KRNL-6000" },
  { key: "net.ipv4.icmp_echo_ignore_broadcasts", value: "1", reason: "The host takes no part in broadcast-ping (smurf) amplification.", source: "CIS Debian 3.3.5; Lynis KRNL-6000" },
  { key: "net.ipv4.icmp_ignore_bogus_error_responses", value: "1", reason: "Bogus ICMP error replies do not fill the log.", source: "CIS Debian 3.3.6; Lynis KRNL-6000" },
  { key: "kernel.kptr_restrict", value: "2", reason: "Kernel addresses are hidden from every user, which makes kernel exploits harder.", source: "Lynis KRNL-6000; dev-sec" },
  { key: "kernel.dmesg_restrict", value: "1", reason: "Only root reads the kernel log, which leaks addresses and hardware details.", source: "Lynis KRNL-6000; dev-sec" },
  { key: "kernel.yama.ptrace_scope", value: "1", reason: "A process may trace only its own children, so one compromised process cannot read another's memory.", source: "CIS Debian 1.5.2; Lynis KRNL-6000" },
  { key: "kernel.unprivileged_bpf_disabled", value: "1", reason: "Unprivileged BPF has been a recurring kernel exploit path.", source: "Lynis KRNL-6000" },
  { key: "net.core.bpf_jit_harden", value: "2", reason: "Hardens the BPF JIT against spraying attacks for every user.", source: "Lynis KRNL-6000" },
  { key: "kernel.randomize_va_space", value: "2", reason: "Full address space layout randomisation.", source: "CIS Debian 1.5.1; Lynis KRNL-6000" },
  { key: "kernel.sysrq", value: "0", reason: "The magic SysRq key must not let someone at the console kill processes or reboot.", source: "Lynis KRNL-6000" },
  { key: "kernel.core_uses_pid", value: "1", reason: "A core file, should one ever be written, does not overwrite another.", source: "Lynis KRNL-6000" },
  { key: "kernel.perf_event_paranoid", value: "3", reason: "Unprivileged users get no performance events, a side channel into other processes.", source: "Lynis KRNL-6000" },
  { key: "dev.tty.ldisc_autoload", value: "0", reason: "Unprivileged users cannot load old, exploitable TTY line disciplines.", source: "Lynis KRNL-6000" },
  { key: "fs.protected_hardlinks", value: "1", reason: "No hard link to a file the user does not own (a classic race into setuid programs).", source: "Lynis KRNL-6000" },
  { key: "fs.protected_symlinks", value: "1", reason: "No following another user's symlink in a sticky directory such as /tmp.", source: "Lynis KRNL-6000" },
  { key: "fs.protected_fifos", value: "2", reason: "No writing to another user's FIFO in a sticky directory.", source: "Lynis KRNL-6000" },
  { key: "fs.protected_regular", value: "2", reason: "No writing to another user's regular file in a sticky directory.", source: "Lynis KRNL-6000" },
  { key: "fs.suid_dumpable", value: "0", reason: "A setuid program never dumps core, so its secrets never land on disk.", source: "CIS Debian 1.5.3; Lynis KRNL-5820" },
];

/** The IPv6 router advertisement keys: accepted or ignored as `lockdown.ipv6RouterAdvertisements` says. */
export const ROUTER_ADVERTISEMENT_KEYS = ["net.ipv6.conf.all.accept_ra", "net.ipv6.conf.default.accept_ra"] as const;

/** Keys the lockdown never manages: forwarding belongs to the WireGuard concern. */
export const FORWARDING_KEYS = /^net\.ipv[46]\.(ip_forward|conf\.[^.]+\.forwarding)$/;
