import type { FirewallContribution } from "../../core/firewallOpenings";

/** Home Assistant's port from the LAN and the VPN; until its owner exists it listens on the host itself only. */
export const firewallContribution: FirewallContribution<{ homeAssistant?: { port: number } }> = {
  openings: (host) =>
    host.homeAssistant
      ? [
          {
            name: "home-assistant",
            protocol: "tcp",
            port: host.homeAssistant.port,
            from: ["lan", "vpn"],
            reason: "The UI and API: from home and through the VPN, never forwarded from the internet (a forwarded port will be found).",
          },
        ]
      : [],
};
