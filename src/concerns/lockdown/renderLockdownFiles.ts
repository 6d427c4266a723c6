import type { HostConfig } from "../../config/schema";
import type { OsProfile } from "../../core/osTable";
import { AUDIT_RULES } from "./auditRules";
import { BLACKLISTED_MODULES } from "./blacklistedModules";
import { LOCKDOWN_PATHS } from "./lockdownPaths";
import { renderSysctl } from "./renderSysctl";

/** A whole file the lockdown owns: its step name, where it lands, its mode and owner, and its content. */
export interface LockdownFile {
  step: string;
  path: string;
  mode: string;
  owner: string;
  group: string;
  content: string;
}

const HEADER = "# ha-hardened-host: managed file, changes are overwritten by the next pulumi up";
/** Seconds an idle interactive shell waits before it logs out (CIS Debian 5.4.3.2: at most 900). */
export const SHELL_TIMEOUT_SECONDS = 900;
/** The journal's disk budget: an SD card must not fill up with logs. */
export const JOURNAL_MAX_USE = "256M";
export const ISSUE_TEXT = "Authorized access only. All activity on this system is monitored and logged; unauthorized use is prohibited and will be prosecuted.";

const file = (step: string, path: string, mode: string, lines: string[]): LockdownFile => ({ step, path, mode, owner: "root", group: "root", content: lines.join("\n") + "\n" });

/** Every whole file the lockdown installs on a host, rendered from its config alone. */
export function renderLockdownFiles(host: HostConfig, _os: OsProfile): LockdownFile[] {
  const allowed = new Set(host.lockdown.allowKernelModules);
  const users = [...new Set(["root", host.admin.user, ...host.lockdown.cronUsers])];
  return [
    file("lockdown-sysctl", LOCKDOWN_PATHS.sysctl, "0644", [renderSysctl(host).trimEnd()]),
    file("lockdown-modprobe", LOCKDOWN_PATHS.modprobe, "0644", [
      HEADER,
      "# Kernel modules this host never loads; `install X /bin/false` stops even an explicit modprobe.",
      ...BLACKLISTED_MODULES.filter((m) => !allowed.has(m.module)).flatMap((m) => [`install ${m.module} /bin/false`, `blacklist ${m.module}`]),
    ]),
    file("lockdown-limits", LOCKDOWN_PATHS.limits, "0644", [HEADER, "# No core dumps for anyone (CIS Debian 1.5.3).", "* hard core 0", "* soft core 0"]),
    file("lockdown-coredump", LOCKDOWN_PATHS.coredump, "0644", [HEADER, "[Coredump]", "Storage=none", "ProcessSizeMax=0"]),
    file("lockdown-profile", LOCKDOWN_PATHS.profile, "0644", [
      HEADER,
      "umask 027",
      "ulimit -c 0",
      `TMOUT=${SHELL_TIMEOUT_SECONDS}`,
      "readonly TMOUT",
      "export TMOUT",
    ]),
    file("lockdown-journald", LOCKDOWN_PATHS.journald, "0644", [HEADER, "[Journal]", "Storage=persistent", "Compress=yes", `SystemMaxUse=${JOURNAL_MAX_USE}`]),
    file("lockdown-sudoers", LOCKDOWN_PATHS.sudoers, "0440", [
      HEADER,
      "Defaults use_pty",
      `Defaults logfile="${LOCKDOWN_PATHS.sudoLog}"`,
    ]),
    // 0644: crontab runs setgid crontab and at setuid daemon, so they must read the list; user names are no secret.
    file("lockdown-cron-allow", LOCKDOWN_PATHS.cronAllow, "0644", users),
    file("lockdown-at-allow", LOCKDOWN_PATHS.atAllow, "0644", users),
    file("lockdown-issue", LOCKDOWN_PATHS.issue, "0644", [ISSUE_TEXT]),
    file("lockdown-issue-net", LOCKDOWN_PATHS.issueNet, "0644", [ISSUE_TEXT]),
    file("lockdown-audit-rules", LOCKDOWN_PATHS.auditRules, "0640", [HEADER, ...AUDIT_RULES.map((r) => r.rule)]),
  ];
}
