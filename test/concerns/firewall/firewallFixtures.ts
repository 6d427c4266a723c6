import type { FirewallOpening, VpnZone } from "../../../src/core/firewallOpenings";
import { firewallContribution as ownOpenings } from "../../../src/concerns/firewall/firewall";
import { FirewallModel, firewallModel } from "../../../src/concerns/firewall/firewallModel";
import { FIREWALL_PATHS } from "../../../src/concerns/firewall/firewallPaths";
import type { FirewallManifest } from "../../../src/concerns/firewall/evaluateFirewall";
import { renderRuleset } from "../../../src/concerns/firewall/renderRuleset";
import { firewallContribution as sshOpenings } from "../../../src/concerns/ssh/firewall";
import { firewallContribution as haOpenings } from "../../../src/concerns/homeassistant/firewall";
import { haBaseline } from "../homeassistant/haTestFixtures";
import { HOST, step } from "../../policies/fixtures/resources";
import type { CapturedResource } from "../../../src/preview/capturedResource";

/** The firewall facts of a home host: a dual-stack LAN, SSH on 22, Home Assistant on 8123, no optional service. */
export function fwHost(change: { lanCidrs?: string[]; adminCidrs?: string[]; services?: Partial<Record<"mqtt" | "mqttTls" | "samba" | "mdns" | "homekit", boolean>>; lanServices?: { name: string; protocol: "tcp" | "udp"; port: number }[] } = {}) {
  return {
    lanCidrs: change.lanCidrs ?? ["192.168.1.0/24", "fd00:1::/64"],
    sshPort: 22,
    homeAssistant: haBaseline(),
    firewall: {
      adminCidrs: change.adminCidrs ?? [],
      acknowledgePublicLan: false,
      services: { mqtt: false, mqttTls: false, samba: false, mdns: false, homekit: false, ...change.services },
      lanServices: change.lanServices ?? [],
    },
  };
}

/** What the VPN concern will contribute: wg0, its clients, its UDP port from anywhere. */
export const FAKE_VPN: { openings: FirewallOpening[]; vpn: VpnZone } = {
  openings: [{ name: "wireguard", protocol: "udp", port: 51820, from: ["any"], reason: "The tunnel's own port: it answers only peers holding a key." }],
  vpn: { interface: "wg0", cidrs: ["10.8.0.0/24", "fd42:8::/64"], forwardToLan: true },
};

export function fwModel(host = fwHost(), vpn?: { openings: FirewallOpening[]; vpn: VpnZone }): FirewallModel {
  return firewallModel(host, [{ openings: sshOpenings.openings!(host) }, { openings: ownOpenings.openings!(host) }, { openings: haOpenings.openings!(host) }, ...(vpn ? [vpn] : [])]);
}

export function fwManifest(model: FirewallModel): FirewallManifest {
  return {
    kind: "nftables",
    host: HOST,
    path: FIREWALL_PATHS.ruleset,
    table: model.table,
    zones: { lan: model.lan, ...(model.vpn ? { vpn: { interface: model.vpn.interface, cidrs: [...model.vpn.cidrs] } } : {}), admin: model.admin, acknowledgePublicLan: false },
    sshPort: model.sshPort,
    publicPorts: model.openings.filter((o) => o.from.includes("any")).map((o) => ({ protocol: o.protocol, port: o.port })),
  };
}

/** The compliant ruleset, optionally edited: `edit(text)` returns the text that lands. */
export function firewallStep(edit: (text: string) => string = (t) => t, model = fwModel(undefined, FAKE_VPN), manifest = fwManifest(model)): CapturedResource {
  return step("firewall", manifest, edit(renderRuleset(model)));
}

/** Inserts rules at the end of the input chain. */
export const addInputRule = (rule: string) => (text: string) => text.replace("\n\t}\n\tchain forward {", `\n\t\t${rule}\n\t}\n\tchain forward {`);
