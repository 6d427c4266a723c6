import type { HostConfig } from "../../config/schema";
import type { FirewallContribution } from "../../core/firewallOpenings";

/** WireGuard's UDP port from anywhere (devices roam), and the VPN zone: wg0 and its clients' networks. */
export const firewallContribution: FirewallContribution<Pick<HostConfig, "vpn">> = {
  openings: (host) =>
    host.vpn
      ? [
          {
            name: "wireguard",
            protocol: "udp",
            port: host.vpn.port,
            from: ["any"],
            reason: "Devices connect from wherever they are; WireGuard answers no packet that lacks a known peer's key, so the port reveals nothing.",
          },
        ]
      : [],
  vpnZone: (host) => (host.vpn ? { interface: "wg0", cidrs: [host.vpn.subnet4, host.vpn.subnet6], forwardToLan: host.vpn.forwardToLan } : undefined),
};
