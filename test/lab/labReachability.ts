import { firewallContribution as ownOpenings } from "../../src/concerns/firewall/firewall";
import { FIREWALL_TABLE, FirewallModel, firewallModel } from "../../src/concerns/firewall/firewallModel";
import { firewallContribution as haOpenings } from "../../src/concerns/homeassistant/firewall";
import { firewallContribution as sshOpenings } from "../../src/concerns/ssh/firewall";
import { vpnSchema, type VpnConfig } from "../../src/concerns/vpn/config";
import { firewallContribution as vpnOpenings } from "../../src/concerns/vpn/firewall";
import { opaqueSecret } from "../../src/core/opaqueSecret";
import { asAdmin, inNs, Login } from "./labProbe";

/**
 * Reachability as an attacker measures it, shared by the lab suites: nmap against the lab host from one of the
 * lab's namespaces (the WAN, the LAN, the host itself, or a VPN client through its tunnel), and what the ruleset
 * rendered from the firewall model promises for that place, port by port.
 */

/** The ports every matrix scans: SSH, Home Assistant, MQTT, Samba, HomeKit over TCP; mDNS and WireGuard over UDP. */
export const PORTS = { tcp: [22, 8123, 1883, 445, 21063], udp: [5353, 51820] } as const;

/** Where a scan comes from: the internet, the home LAN, a VPN client inside its tunnel, or the host itself. */
export type ScanOrigin = "wan" | "lan" | "vpn" | "self";

/** The lab's VPN entry as the stack's schema completes it (no peers; the lab fills in the endpoint and the keys). */
export const LAB_VPN: VpnConfig = vpnSchema.parse({ endpoint: "lab.invalid:51820", serverPrivateKey: opaqueSecret("the lab's"), peers: [] });

/**
 * The lab stack's openings (stacks/Pulumi.lab.yaml: SSH 22, no Home Assistant, no optional service), gathered the
 * way the firewall concern gathers them; with `vpn`, also the VPN concern's port and zone for that VPN entry; with
 * `homeAssistant`, its port once the owner exists.
 */
export function labStackModel(vpn?: VpnConfig, homeAssistant?: { port: number }): FirewallModel {
  const host = {
    homeAssistant,
    lanCidrs: ["198.18.10.0/24"],
    sshPort: 22,
    vpn,
    firewall: { adminCidrs: [], acknowledgePublicLan: false, services: { mqtt: false, mqttTls: false, samba: false, mdns: false, homekit: false }, lanServices: [] },
  };
  return firewallModel(host, [{ openings: sshOpenings.openings!(host) }, { openings: ownOpenings.openings!(host) }, { openings: vpnOpenings.openings!(host), vpn: vpnOpenings.vpnZone!(host) }, { openings: haOpenings.openings!(host) }]);
}

/**
 * What nmap must see from `origin`, port by port, if the host keeps the ruleset's promise. `listening` names what
 * runs on the host ("22/tcp"). A reachable TCP port is open or closed by it; a reachable UDP port with nothing on
 * it answers port-unreachable (closed), and one whose listener answers no stranger (WireGuard) looks to nmap just
 * like a dropped probe (open|filtered).
 */
export function promised(model: FirewallModel, origin: ScanOrigin, listening: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const protocol of ["tcp", "udp"] as const) {
    for (const port of PORTS[protocol]) {
      const from = model.openings.find((o) => o.protocol === protocol && o.port === port)?.from ?? [];
      const reachable = origin === "self" || from.includes("any") || (origin === "lan" && from.includes("lan")) || (origin === "vpn" && from.includes("vpn"));
      const key = `${port}/${protocol}`;
      const silent = protocol === "udp" && listening.has(key);
      out[key] = !reachable || silent ? (protocol === "tcp" ? "filtered" : "open|filtered") : listening.has(key) ? "open" : "closed";
    }
  }
  return out;
}

/** nmap's verdict per port (`-oG`), TCP and UDP, over IPv4 or IPv6 as `address` is; bounded by its host timeout. */
export function scan(ns: string, address: string, tcpScan: "-sS" | "-sT"): Record<string, string> {
  const ports = `T:${PORTS.tcp.join(",")},U:${PORTS.udp.join(",")}`;
  const family = address.includes(":") ? ["-6"] : [];
  const r = inNs(ns, "nmap", [...family, "-Pn", "-n", tcpScan, "-sU", "-p", ports, "--max-retries", "2", "--host-timeout", "150s", "-oG", "-", address], { timeoutMs: 200_000 });
  if (r.code !== 0) throw new Error(`nmap from ${ns} exited ${r.code}: ${r.stderr}`);
  const line = /Ports: (.*)$/m.exec(r.stdout)?.[1] ?? "";
  const out: Record<string, string> = {};
  for (const entry of line.split(/,\s*/)) {
    const [port, state, protocol] = entry.split("/");
    if (port && state && protocol) out[`${port.trim()}/${protocol}`] = state;
  }
  return out;
}

/**
 * Something listening on TCP `port` on the host (a transient unit, all addresses), so that a port the ruleset
 * keeps shut shows as filtered rather than merely closed. Returns what stops it.
 */
export function standInListener(admin: Login, port: number): () => void {
  const unit = `fw-probe-${port}`;
  asAdmin(admin, `sudo -n systemd-run --quiet --collect --unit=${unit} systemd-socket-activate -l ${port} -a /bin/true`);
  return () => void asAdmin(admin, `sudo -n systemctl stop ${unit}.service`);
}

/** The input chain of the project's table as it is loaded on the host (stateless: no counters, no set elements). */
export function inputChain(admin: Login): string {
  return asAdmin(admin, `sudo -n nft -s list chain inet ${FIREWALL_TABLE} input`);
}
