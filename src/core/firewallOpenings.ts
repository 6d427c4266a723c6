/**
 * What a concern tells the host firewall: the ports it needs open and from where. The firewall concern gathers
 * every concern's `firewall.ts` (export `firewallContribution`) and renders one default-deny ruleset from them,
 * so each port is declared once, by the concern that listens on it.
 */

/** Where traffic may come from: the home LAN (the host's lanCidrs), the VPN's clients, or anywhere. */
export type FirewallZone = "lan" | "vpn" | "any";

export interface FirewallOpening {
  /** Short name, used in rule comments and messages, e.g. "ssh", "wireguard". */
  name: string;
  protocol: "tcp" | "udp";
  port: number;
  from: readonly FirewallZone[];
  /** New connections per minute from one source, when limited. */
  ratePerMinute?: number;
  /** One line: why this port is open to these zones. */
  reason: string;
}

/** The VPN zone as the VPN concern declares it: its interface and its clients' networks. */
export interface VpnZone {
  interface: string;
  cidrs: readonly string[];
  /** true: clients may reach the LAN through the host (forwarding from the interface, one narrow rule). */
  forwardToLan: boolean;
}

/** A concern's part in the firewall, for one host. */
export interface FirewallContribution<Host> {
  openings?(host: Host): FirewallOpening[];
  /** Only the VPN concern declares it; undefined when the host runs no VPN. */
  vpnZone?(host: Host): VpnZone | undefined;
}
