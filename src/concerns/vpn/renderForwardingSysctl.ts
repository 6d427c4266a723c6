import { isIP } from "net";

/** The VPN's sysctl drop-in when devices may reach the LAN: forwarding for each family the LAN has. */
export function renderForwardingSysctl(lanCidrs: readonly string[]): string {
  const families = new Set(lanCidrs.map((c) => isIP(c.split("/")[0])));
  const lines = ["# Managed by ha-hardened-host: VPN devices reach the LAN through this host (vpn.forwardToLan)."];
  if (families.has(4)) lines.push("net.ipv4.ip_forward = 1");
  if (families.has(6)) lines.push("net.ipv6.conf.all.forwarding = 1", "# Keep learning the LAN's router from its advertisements while forwarding.", "net.ipv6.conf.default.accept_ra = 2", "net.ipv6.conf.all.accept_ra = 2");
  return lines.join("\n") + "\n";
}
