import type { LockdownSetting } from "./lockdownSetting";

/**
 * /etc/login.defs keys set in place (Debian 13's file lacks UMASK, so missing keys are added). Logins are
 * key-only, so the password keys matter only for a password someone sets later (the console, su).
 */
export const LOGIN_DEFS_SETTINGS: readonly LockdownSetting[] = [
  { key: "UMASK", value: "027", reason: "New files and home directories are not readable by other users.", source: "CIS Debian 5.4.2.6; Lynis AUTH-9328" },
  { key: "HOME_MODE", value: "0700", reason: "useradd creates home directories closed to group and others (Debian 13's own default), whatever UMASK says.", source: "CIS Debian 7.2.9 (750 or stricter)" },
  { key: "PASS_MAX_DAYS", value: "365", reason: "A password set later expires within a year.", source: "CIS Debian 5.4.1.1; Lynis AUTH-9286" },
  { key: "PASS_MIN_DAYS", value: "1", reason: "A changed password cannot be changed straight back.", source: "CIS Debian 5.4.1.2; Lynis AUTH-9286" },
  { key: "PASS_WARN_AGE", value: "7", reason: "A week's warning before a password expires.", source: "CIS Debian 5.4.1.3" },
  { key: "SHA_CRYPT_MIN_ROUNDS", value: "65536", reason: "Slows offline guessing of a stolen SHA-512 hash (Debian 12 hashes with SHA-512, Debian 13 with yescrypt; ENCRYPT_METHOD is left to the release).", source: "Lynis AUTH-9230" },
  { key: "SHA_CRYPT_MAX_ROUNDS", value: "65536", reason: "Fixed rounds: every hash costs the same to check.", source: "Lynis AUTH-9230" },
];
