/** Where the lockdown puts its files on a host. */
export const LOCKDOWN_PATHS = {
  sysctl: "/etc/sysctl.d/60-ha-hardened-host.conf",
  modprobe: "/etc/modprobe.d/60-ha-hardened-host.conf",
  limits: "/etc/security/limits.d/60-ha-hardened-host.conf",
  coredump: "/etc/systemd/coredump.conf.d/60-ha-hardened-host.conf",
  profile: "/etc/profile.d/60-ha-hardened-host.sh",
  journald: "/etc/systemd/journald.conf.d/60-ha-hardened-host.conf",
  /** Starts with a digit, so no admin's own sudoers drop-in (named after a user) can take its name; no dot (sudo skips those). */
  sudoers: "/etc/sudoers.d/00-ha-hardened-host-defaults",
  sudoLog: "/var/log/sudo.log",
  cronAllow: "/etc/cron.allow",
  atAllow: "/etc/at.allow",
  issue: "/etc/issue",
  issueNet: "/etc/issue.net",
  auditRules: "/etc/audit/rules.d/60-ha-hardened-host.rules",
  loginDefs: "/etc/login.defs",
  pamSu: "/etc/pam.d/su",
  fstab: "/etc/fstab",
  debsumsDefault: "/etc/default/debsums",
  aideConf: "/etc/aide/aide.conf",
} as const;
