/** The audit rules written to /etc/audit/rules.d, each with the reason and the guidance it comes from. */
export const AUDIT_RULES: readonly { rule: string; reason: string; source: string }[] = [
  { rule: "-w /etc/passwd -p wa -k identity", reason: "Account changes.", source: "CIS Debian 6.2.3.8" },
  { rule: "-w /etc/group -p wa -k identity", reason: "Group changes (who is an admin).", source: "CIS Debian 6.2.3.8" },
  { rule: "-w /etc/shadow -p wa -k identity", reason: "Password hash changes.", source: "CIS Debian 6.2.3.8" },
  { rule: "-w /etc/gshadow -p wa -k identity", reason: "Group password changes.", source: "CIS Debian 6.2.3.8" },
  { rule: "-w /etc/sudoers -p wa -k scope", reason: "Who may become root.", source: "CIS Debian 6.2.3.1" },
  { rule: "-w /etc/sudoers.d -p wa -k scope", reason: "Who may become root, drop-ins.", source: "CIS Debian 6.2.3.1" },
  { rule: "-w /etc/ssh/sshd_config -p wa -k sshd", reason: "The way in.", source: "dev-sec" },
  { rule: "-w /etc/ssh/sshd_config.d -p wa -k sshd", reason: "The way in, drop-ins.", source: "dev-sec" },
  { rule: "-w /var/log/sudo.log -p wa -k actions", reason: "Tampering with the sudo log.", source: "CIS Debian 6.2.3.3" },
  { rule: "-w /etc/localtime -p wa -k time-change", reason: "Time changes that would falsify logs.", source: "CIS Debian 6.2.3.4" },
  { rule: "-w /etc/modprobe.d -p wa -k modules", reason: "Which kernel modules may load (a watch on the kmod binaries would fail to load where kmod is absent).", source: "CIS Debian 6.2.3.19" },
];
