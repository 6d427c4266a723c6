import type { HostConfig } from "../../config/schema";
import type { FirewallContribution, FirewallOpening } from "../../core/firewallOpenings";
import { SERVICE_PORTS, SERVICES, ServiceName } from "./config";

/**
 * The ports the firewall concern opens itself: Home Assistant's (to move to the Home Assistant concern once it
 * exists), the optional services and the user's LAN services, each LAN-only but Home Assistant (LAN and VPN).
 */
export const firewallContribution: FirewallContribution<Pick<HostConfig, "firewall">> = {
  openings: (host) => {
    const out: FirewallOpening[] = [
      {
        name: "home-assistant",
        protocol: "tcp",
        port: host.firewall.homeAssistantPort,
        from: ["lan", "vpn"],
        reason: "The UI and API: from home and through the VPN, never forwarded from the internet (a forwarded port will be found).",
      },
    ];
    for (const name of Object.keys(SERVICES) as ServiceName[]) {
      if (!host.firewall.services[name]) continue;
      for (const p of SERVICE_PORTS[name]) {
        out.push({ name: name === "mqttTls" ? "mqtt-tls" : name, ...p, from: ["lan"], reason: `firewall.services.${name} is on; add-ons stay on the local network.` });
      }
    }
    for (const s of host.firewall.lanServices) {
      out.push({ name: s.name, protocol: s.protocol, port: s.port, from: ["lan"], reason: "Named in firewall.lanServices; LAN only." });
    }
    return out;
  },
};
