/** Debian packages the lockdown installs, each with the reason and the guidance it comes from. */
export const LOCKDOWN_PACKAGES: readonly { name: string; reason: string; source: string }[] = [
  { name: "libpam-pwquality", reason: "A password set later (the console, su) must be strong.", source: "CIS Debian 5.3.1.3; Lynis AUTH-9262" },
  { name: "libpam-tmpdir", reason: "Each user gets a private temporary directory, so no one races another in /tmp.", source: "Lynis DEB-0280" },
  { name: "debsums", reason: "Installed files can be checked against their packages' checksums.", source: "Securing Debian manual 11.1 (debsums); Lynis PKGS-7370" },
  { name: "auditd", reason: "Records changes to accounts, sudo rules and the SSH config.", source: "CIS Debian 6.2.1.1; Lynis ACCT-9628" },
  { name: "apparmor", reason: "Confines the services that ship profiles (Debian's default mandatory access control).", source: "CIS Debian 1.3.1.1; Lynis MACF-6208" },
  { name: "acct", reason: "Process accounting: what ran, when and by whom.", source: "Lynis ACCT-9622" },
  { name: "aide", reason: "File integrity checking of the system's files.", source: "CIS Debian 6.1.1; Lynis FINT-4350" },
  { name: "aide-common", reason: "AIDE's Debian configuration, aideinit and the daily check timer.", source: "CIS Debian 6.1.2" },
  { name: "apt-listchanges", reason: "Shows what changed before an upgrade is applied.", source: "Lynis DEB-0811" },
];
