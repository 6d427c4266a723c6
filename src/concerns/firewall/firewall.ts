import type { HostConfig } from "../../config/schema";
import type { FirewallContribution, FirewallOpening } from "../../core/firewallOpenings";
import { SERVICE_PORTS, SERVICES, ServiceName } from "./config";

/** The ports the firewall concern opens itself: the optional services and the user's LAN services, each LAN-only. */
export const firewallContribution: FirewallContribution<Pick<HostConfig, "firewall">> = {
  openings: (host) => {
    const out: FirewallOpening[] = [];
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
