/** One apt configuration value the project always writes, with the reason it has that value. */
export interface AptSetting {
  key: string;
  value: string;
  reason: string;
}

/** The settings every host gets, whatever its config; the config adds the origins, the reboot and the report. */
export const UNATTENDED_SETTINGS: readonly AptSetting[] = [
  { key: "APT::Periodic::Update-Package-Lists", value: "1", reason: "Refreshes the package lists daily, or no fix is ever seen." },
  { key: "APT::Periodic::Unattended-Upgrade", value: "1", reason: "Runs unattended-upgrade daily: the checklist item itself." },
  { key: "APT::Periodic::AutocleanInterval", value: "7", reason: "Drops outdated downloaded packages weekly, so an SD card does not fill up." },
  { key: "Unattended-Upgrade::AutoFixInterruptedDpkg", value: "true", reason: "After a power cut mid-upgrade, dpkg finishes its work before anything else is installed." },
  { key: "Unattended-Upgrade::MinimalSteps", value: "true", reason: "Upgrades in small steps, so a power cut leaves few packages half done." },
  { key: "Unattended-Upgrade::Remove-Unused-Kernel-Packages", value: "true", reason: "Old kernels otherwise fill a small /boot until an upgrade fails." },
  { key: "Unattended-Upgrade::Remove-New-Unused-Dependencies", value: "true", reason: "Removes what an automatic upgrade itself made unused." },
  { key: "Unattended-Upgrade::Remove-Unused-Dependencies", value: "false", reason: "Packages the owner left unused stay: removing them is the owner's decision." },
  { key: "Unattended-Upgrade::Automatic-Reboot-WithUsers", value: "false", reason: "An automatic reboot never cuts off a logged-in admin." },
  { key: "Unattended-Upgrade::SyslogEnable", value: "true", reason: "Every run is reported to the journal (`journalctl -t unattended-upgrade`), mail or not." },
];
