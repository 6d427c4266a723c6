import { sshdBaseline } from "./baseline";
import type { HostConfig } from "../../config/schema";
import { OsProfile } from "../../core/osTable";
import { hostKeyPath } from "../../core/hostPaths";

/**
 * The sshd drop-in for a host: Port, the host keys from config, the baseline (with the host's
 * AllowTcpForwarding), DebianBanner where the OS knows it, AllowUsers admin, then sshd.extraSettings —
 * an extra setting REPLACES the line of the same directive (so the text shows what sshd will use:
 * sshd keeps the first value it reads) or is appended. Pure: same config, same bytes.
 */
export function renderSshdDropIn(host: Pick<HostConfig, "sshPort" | "admin" | "sshd">, os: OsProfile): string {
  const lines: [string, string][] = [
    ["Port", String(host.sshPort)],
    ["HostKey", hostKeyPath("ed25519")],
    ["HostKey", hostKeyPath("rsa")],
  ];
  for (const s of sshdBaseline(os.openssh)) {
    lines.push([s.directive, s.directive === "AllowTcpForwarding" ? host.sshd.allowTcpForwarding : s.value]);
  }
  // Debian's sshd prints its package version in the banner unless told not to (dev-sec).
  if (os.hasDebianBanner) lines.push(["DebianBanner", "no"]);
  lines.push(["AllowUsers", host.admin.user]);
  for (const [directive, value] of Object.entries(host.sshd.extraSettings)) {
    const i = lines.findIndex(([d]) => d.toLowerCase() === directive.toLowerCase());
    if (i >= 0) lines[i] = [lines[i][0], value];
    else lines.push([directive, value]);
  }
  const header = [
    "# Managed by ha-hardened-host (pulumi): local edits are overwritten on the next change.",
    "# The project's hardened baseline plus this host's stack config; sshd keeps the first value it reads.",
  ];
  return [...header, ...lines.map(([d, v]) => `${d} ${v}`)].join("\n") + "\n";
}
