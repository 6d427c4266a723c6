import type { HostConfig } from "../../config/schema";
import type { OsProfile } from "../../core/osTable";
import { LOCKDOWN_PATHS } from "./lockdownPaths";
import { LOGIN_DEFS_SETTINGS } from "./loginDefsSettings";

/** An edit of a distribution-owned file: the lines that end up in it (see the `file-edit` step manifest). */
export interface LockdownEdit {
  step: string;
  path: string;
  edit: "keys" | "fstab" | "pam";
  lines: string[];
}

/** The mount options of /dev/shm and /tmp (CIS Debian 1.1.2.2 and 1.1.2.1). */
export function mountOptions(host: HostConfig): { devShm: string; tmp: string } {
  return { devShm: "nodev,nosuid,noexec", tmp: host.lockdown.tmpNoexec ? "nodev,nosuid,noexec" : "nodev,nosuid" };
}

/** The lockdown's edits of login.defs, /etc/pam.d/su, /etc/fstab and the settings of debsums and AIDE. */
export function fileEdits(host: HostConfig, os: OsProfile): LockdownEdit[] {
  const m = mountOptions(host);
  return [
    { step: "lockdown-login-defs", path: LOCKDOWN_PATHS.loginDefs, edit: "keys", lines: LOGIN_DEFS_SETTINGS.map((s) => `${s.key} ${s.value}`) },
    // Only members of the admin's sudo group may su (CIS Debian 5.2.7); root keeps su through pam_rootok before it.
    { step: "lockdown-su", path: LOCKDOWN_PATHS.pamSu, edit: "pam", lines: [`auth       required   pam_wheel.so use_uid group=${os.sudoGroup}`] },
    {
      step: "lockdown-fstab",
      path: LOCKDOWN_PATHS.fstab,
      edit: "fstab",
      lines: [`tmpfs /dev/shm tmpfs defaults,${m.devShm},mode=1777 0 0`, `tmpfs /tmp tmpfs defaults,${m.tmp},mode=1777,size=50% 0 0`],
    },
    // debsums checks installed files against their packages weekly, not never (Securing Debian manual 11.1; Lynis PKGS-7370).
    { step: "lockdown-debsums", path: LOCKDOWN_PATHS.debsumsDefault, edit: "keys", lines: ["CRON_CHECK=weekly"] },
    // AIDE hashes with SHA-512 alone instead of every digest it knows: as strong, and a scan of an SD card takes a fraction (Lynis FINT-4402).
    { step: "lockdown-aide-conf", path: LOCKDOWN_PATHS.aideConf, edit: "keys", lines: ["Checksums = sha512"] },
  ];
}
