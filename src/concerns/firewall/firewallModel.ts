import type { FirewallOpening, VpnZone } from "../../core/firewallOpenings";

/** Everything the ruleset is rendered from: the zones and the openings every concern declared. */
export interface FirewallModel {
  table: string;
  lan: string[];
  /** SSH only. */
  admin: string[];
  vpn?: VpnZone;
  sshPort: number;
  openings: FirewallOpening[];
}

/** The nftables table the concern owns (family inet: IPv4 and IPv6 alike); it never touches another table. */
export const FIREWALL_TABLE = "ha_hardened_host";

/** Gathers the openings in a stable order (port, protocol, name), so the rendered text changes only with them. */
export function firewallModel(host: { lanCidrs: readonly string[]; sshPort: number; firewall: { adminCidrs: readonly string[] } }, parts: { openings: FirewallOpening[]; vpn?: VpnZone }[]): FirewallModel {
  const vpns = parts.map((p) => p.vpn).filter((v): v is VpnZone => v !== undefined);
  if (vpns.length > 1) throw new Error(`only one concern may declare the VPN zone, but ${vpns.length} do`);
  const openings = parts.flatMap((p) => p.openings).sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol) || a.name.localeCompare(b.name));
  return { table: FIREWALL_TABLE, lan: [...host.lanCidrs], admin: [...host.firewall.adminCidrs], vpn: vpns[0], sshPort: host.sshPort, openings };
}
