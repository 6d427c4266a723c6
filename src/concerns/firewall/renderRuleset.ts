import type { FirewallOpening } from "../../core/firewallOpenings";
import type { FirewallModel } from "./firewallModel";

/**
 * Burst of new connections a rate-limited source may open at once: one `pulumi up` opens one SSH connection per
 * step (about 50 on a first apply, and the lab's checks as many again), which must never trip it.
 */
export const RATE_BURST = 120;
/** Echo requests per second (all sources together), and their burst. */
export const ECHO_RATE = { perSecond: 10, burst: 20 };

const v4 = (cidrs: readonly string[]) => cidrs.filter((c) => !c.includes(":"));
const v6 = (cidrs: readonly string[]) => cidrs.filter((c) => c.includes(":"));
const set = (items: readonly string[]) => `{ ${items.join(", ")} }`;

/** The source matches of one zone, one per family that has networks (none: the zone cannot reach it). */
function zoneMatches(m: FirewallModel, zone: "lan" | "vpn" | "any" | "admin"): string[] {
  const pair = (cidrs: readonly string[], prefix = "") => [
    ...(v4(cidrs).length ? [`${prefix}ip saddr ${set(v4(cidrs))}`] : []),
    ...(v6(cidrs).length ? [`${prefix}ip6 saddr ${set(v6(cidrs))}`] : []),
  ];
  if (zone === "any") return [""];
  if (zone === "lan") return pair(m.lan);
  if (zone === "admin") return pair(m.admin);
  return m.vpn ? pair(m.vpn.cidrs, `iifname "${m.vpn.interface}" `) : [];
}

function openingRules(m: FirewallModel, o: FirewallOpening): string[] {
  const port = `${o.protocol} dport ${o.port}`;
  const lines = [`# ${o.name} (${o.protocol} ${o.port}) from ${o.from.join(", ")}: ${o.reason}`];
  if (o.ratePerMinute !== undefined) {
    const key = `rate_${o.protocol}_${o.port}`;
    lines.push(`${port} ct state new update @${key}_v4 { ip saddr limit rate over ${o.ratePerMinute}/minute burst ${RATE_BURST} packets } drop comment "${o.name}: new connections per source"`);
    lines.push(`${port} ct state new update @${key}_v6 { ip6 saddr limit rate over ${o.ratePerMinute}/minute burst ${RATE_BURST} packets } drop comment "${o.name}: new connections per source"`);
  }
  const zones: ("lan" | "vpn" | "any" | "admin")[] = [...o.from];
  if (o.protocol === "tcp" && o.port === m.sshPort && o.name === "ssh") zones.push("admin");
  for (const zone of zones) {
    for (const match of zoneMatches(m, zone)) lines.push(`${match ? `${match} ` : ""}${port} accept comment "${o.name} from ${zone}"`);
  }
  return lines;
}

function rateSets(m: FirewallModel): string[] {
  return m.openings.filter((o) => o.ratePerMinute !== undefined).flatMap((o) =>
    (["v4", "v6"] as const).map((f) => `set rate_${o.protocol}_${o.port}_${f} { type ${f === "v4" ? "ipv4_addr" : "ipv6_addr"}; size 65535; flags dynamic; timeout 1m; }`),
  );
}

function forwardRules(m: FirewallModel): string[] {
  const vpn = m.vpn;
  if (!vpn?.forwardToLan) return [];
  const lines = ["ct state established,related accept", `# ${vpn.interface} to the LAN: a deliberate exception, VPN clients reach the home network through this host`];
  for (const [fam, pick] of [["ip", v4], ["ip6", v6]] as const) {
    if (pick(vpn.cidrs).length && pick(m.lan).length) lines.push(`iifname "${vpn.interface}" ${fam} saddr ${set(pick(vpn.cidrs))} ${fam} daddr ${set(pick(m.lan))} accept comment "vpn to lan"`);
  }
  return lines;
}

/**
 * The host firewall as one nftables file: it replaces only its own `table inet` (created, deleted and declared
 * again in one atomic transaction), default deny in, no forwarding unless the VPN zone asks for it, open out.
 */
export function renderRuleset(m: FirewallModel): string {
  const chain = (name: string, hook: string, policy: "drop" | "accept", rules: string[]) => [
    `\tchain ${name} {`,
    `\t\ttype filter hook ${hook} priority filter; policy ${policy};`,
    ...rules.map((r) => `\t\t${r}`),
    "\t}",
  ];
  const input = [
    "ct state established,related accept",
    "ct state invalid drop",
    'iifname "lo" accept',
    "icmp type { destination-unreachable, time-exceeded, parameter-problem } accept",
    `icmp type echo-request limit rate ${ECHO_RATE.perSecond}/second burst ${ECHO_RATE.burst} packets accept`,
    "icmpv6 type { destination-unreachable, packet-too-big, time-exceeded, parameter-problem } accept",
    "icmpv6 type { nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } ip6 hoplimit 255 accept",
    `icmpv6 type echo-request limit rate ${ECHO_RATE.perSecond}/second burst ${ECHO_RATE.burst} packets accept`,
    ...m.openings.flatMap((o) => openingRules(m, o)),
  ];
  return [
    "#!/usr/sbin/nft -f",
    "# Written by ha-hardened-host: the host firewall. It replaces only its own table.",
    `table inet ${m.table}`,
    `delete table inet ${m.table}`,
    "",
    `table inet ${m.table} {`,
    ...rateSets(m).map((s) => `\t${s}`),
    ...chain("input", "input", "drop", input),
    ...chain("forward", "forward", "drop", forwardRules(m)),
    ...chain("output", "output", "accept", []),
    "}",
    "",
  ].join("\n");
}
