import type { HostConfig } from "../../config/schema";
import type { FirewallContribution } from "../../core/firewallOpenings";

/** sshd's port: from the LAN and the VPN only, new connections rate-limited per source. */
export const firewallContribution: FirewallContribution<Pick<HostConfig, "sshPort">> = {
  openings: (host) => [
    {
      name: "ssh",
      protocol: "tcp",
      port: host.sshPort,
      from: ["lan", "vpn"],
      ratePerMinute: 60,
      reason: "The admin's door: never from the internet (the checklist wants remote access through a VPN); more new connections than a pulumi up opens is a scanner or a guessing attack.",
    },
  ],
};
