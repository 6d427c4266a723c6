import type { StepManifest } from "../../core/stepManifest";
import { ADMIN_MAX_WIDTH } from "./config";
import { Cidr, cidrContains, isPrivateCidr, parseCidr } from "../../core/cidr";
import { NftChain, NftRule, NftRuleset, NftTable, parseNftRuleset } from "./parseNftRuleset";

export type FirewallManifest = Extract<StepManifest, { kind: "nftables" }>;
export type FirewallRule = "default-deny" | "lan-vpn-only" | "ipv6-not-wider";

const within = (sources: readonly string[] | undefined, zone: readonly string[]): boolean => {
  if (!sources || sources.length === 0) return false;
  const nets = zone.map(parseCidr).filter((c): c is Cidr => c !== undefined);
  return sources.every((s) => {
    const c = parseCidr(s);
    return c !== undefined && nets.some((n) => cidrContains(n, c));
  });
};

const portWords = (r: NftRule): string =>
  r.ports ? r.ports.map((p) => `${p.protocol === "any" ? "tcp/udp" : p.protocol} port ${p.lo === p.hi ? p.lo : `${p.lo}-${p.hi}`}`).join(", ") : "every port";

const sourceWords = (r: NftRule): string => {
  const s = [...(r.saddr4 ?? []), ...(r.saddr6 ?? [])];
  return r.negated || r.unknown.length || s.length === 0 ? "anywhere" : s.join(", ");
};

const isStateOnly = (r: NftRule) => r.ctStates !== undefined && r.ctStates.every((s) => s === "established" || s === "related");
const isLoopback = (r: NftRule) => !r.negated && r.iifnames?.length === 1 && r.iifnames[0] === "lo";

function ourTable(parsed: NftRuleset, m: FirewallManifest): NftTable | undefined {
  return parsed.tables.find((t) => t.name === m.table);
}

const hooked = (t: NftTable, hook: string): NftChain[] => t.chains.filter((c) => c.hook === hook);

/** true when the rule's sources lie in one zone the manifest names (the admin zone: SSH only). */
function fromAllowedZone(r: NftRule, m: FirewallManifest): boolean {
  if (r.negated || r.unknown.length) return false;
  const sources = [...(r.saddr4 ?? []), ...(r.saddr6 ?? [])];
  if (within(sources, m.zones.lan) && !r.iifnames) return true;
  if (r.iifnames === undefined && !r.saddr4 && !r.saddr6) return false;
  const vpn = m.zones.vpn;
  if (vpn && r.iifnames?.length === 1 && r.iifnames[0] === vpn.interface && within(sources, vpn.cidrs)) return true;
  const sshOnly = r.ports !== undefined && r.ports.every((p) => p.protocol !== "udp" && p.lo === m.sshPort && p.hi === m.sshPort);
  const narrow = m.zones.admin.every((a) => {
    const c = parseCidr(a);
    return c !== undefined && c.prefix >= ADMIN_MAX_WIDTH[c.family];
  });
  return sshOnly && narrow && !r.iifnames && within(sources, m.zones.admin);
}

function isPublic(r: NftRule, m: FirewallManifest): boolean {
  if (!r.ports) return false;
  return r.ports.every((p) => m.publicPorts.some((q) => (p.protocol === q.protocol) && p.lo === q.port && p.hi === q.port) && !(p.protocol !== "udp" && p.lo <= m.sshPort && m.sshPort <= p.hi));
}

function defaultDeny(parsed: NftRuleset, m: FirewallManifest, where: string): string[] {
  const t = ourTable(parsed, m);
  if (!t) return [`${where} must declare table inet ${m.table}, but declares none.`];
  const out: string[] = [];
  for (const hook of ["input", "forward"]) {
    const chains = hooked(t, hook);
    if (chains.length === 0) out.push(`${where} must have a ${hook} chain with policy drop in table ${t.family} ${t.name}, but has none.`);
    for (const c of chains) if (c.policy !== "drop") out.push(`${where} chain ${c.name} must have policy drop, not ${c.policy ?? "accept (the default)"}.`);
  }
  for (const c of hooked(t, "input")) {
    for (const r of c.rules) {
      if (r.verdict !== "accept") continue;
      const unrestricted = !r.iifnames && !r.saddr4 && !r.saddr6 && !r.ports && !r.icmp && !r.ctStates;
      if (unrestricted || r.negated) out.push(`${where} line ${r.line}: \`${r.text}\` must not accept every packet in chain ${c.name}.`);
    }
  }
  for (const c of hooked(t, "forward")) {
    for (const r of c.rules) {
      if (r.verdict !== "accept" || isStateOnly(r)) continue;
      const vpn = m.zones.vpn;
      const ok = vpn && !r.negated && !r.unknown.length && r.iifnames?.length === 1 && r.iifnames[0] === vpn.interface &&
        within([...(r.saddr4 ?? []), ...(r.saddr6 ?? [])], vpn.cidrs) && within([...(r.daddr4 ?? []), ...(r.daddr6 ?? [])], m.zones.lan);
      if (!ok) out.push(`${where} line ${r.line}: \`${r.text}\` must not forward anything but the VPN's clients to the LAN.`);
    }
  }
  return out;
}

function lanVpnOnly(parsed: NftRuleset, m: FirewallManifest, where: string): string[] {
  const out: string[] = [];
  for (const c of m.zones.lan) {
    const n = parseCidr(c);
    if (n && (n.prefix === 0 || (!isPrivateCidr(n) && !m.zones.acknowledgePublicLan))) out.push(`${where} must not count ${c} as the LAN: it is a public range.`);
  }
  const t = ourTable(parsed, m);
  for (const c of t ? hooked(t, "input") : []) {
    for (const r of c.rules) {
      if (r.verdict !== "accept" || isStateOnly(r) || isLoopback(r) || (r.icmp && !r.ports)) continue;
      if (fromAllowedZone(r, m) || isPublic(r, m)) continue;
      out.push(`${where} line ${r.line}: \`${r.text}\` accepts ${portWords(r)} from ${sourceWords(r)}; it must accept it only from the LAN or the VPN.`);
    }
  }
  return out;
}

/** How far a port reaches: 0 private networks only, 1 some public network, 2 anywhere. */
type Reach = Map<string, number>;
const REACH_WORDS = ["only from private networks", "from public networks", "from anywhere"];

function width(sources: readonly string[] | undefined): number {
  if (!sources) return 2;
  const nets = sources.map(parseCidr);
  if (nets.some((c) => !c || c.prefix === 0)) return 2;
  return nets.every((c) => isPrivateCidr(c!)) ? 0 : 1;
}

function reach(t: NftTable, family: 4 | 6): Reach {
  const out: Reach = new Map();
  for (const c of hooked(t, "input")) {
    for (const r of c.rules) {
      if (r.verdict !== "accept" || isStateOnly(r) || isLoopback(r) || r.icmp) continue;
      if (r.family !== undefined && r.family !== family) continue;
      const w = r.negated || r.unknown.length ? 2 : width(family === 4 ? r.saddr4 : r.saddr6);
      const keys = r.ports ? r.ports.flatMap((p) => Array.from({ length: p.hi - p.lo + 1 }, (_, k) => (p.protocol === "any" ? ["tcp", "udp"] : [p.protocol]).map((q) => `${q} port ${p.lo + k}`)).flat()) : ["every port"];
      for (const k of keys) out.set(k, Math.max(out.get(k) ?? 0, w));
    }
  }
  return out;
}

function ipv6NotWider(parsed: NftRuleset, m: FirewallManifest, where: string): string[] {
  const out = parsed.tables.filter((t) => t.family === "ip").map((t) => `${where} table ip ${t.name} must be table inet: an IPv4-only table leaves IPv6 unfiltered.`);
  const t = ourTable(parsed, m);
  if (!t) return out;
  if (t.family !== "inet") out.push(`${where} table ${t.family} ${t.name} must be table inet, so IPv4 and IPv6 share one ruleset.`);
  const r4 = reach(t, 4);
  for (const [key, w6] of reach(t, 6)) {
    const w4 = r4.get(key) ?? r4.get("every port");
    if (w4 === undefined) out.push(`${where} opens ${key} to IPv6 but not to IPv4; IPv6 must never be more open than IPv4.`);
    else if (w6 > w4) out.push(`${where} opens ${key} to IPv6 ${REACH_WORDS[w6]} but to IPv4 ${REACH_WORDS[w4]}; IPv6 must never be more open than IPv4.`);
  }
  return out;
}

/** Judges the ruleset text a firewall step puts on the host; one sentence per problem. */
export function evaluateFirewall(rule: FirewallRule, text: string, m: FirewallManifest): string[] {
  const parsed = parseNftRuleset(text);
  const where = `${m.host}:${m.path}`;
  const unreadable = parsed.problems.map((p) => `${where} must hold only table declarations the pack can judge; found ${p}.`);
  if (unreadable.length) return unreadable;
  if (rule === "default-deny") return defaultDeny(parsed, m, where);
  if (rule === "lan-vpn-only") return lanVpnOnly(parsed, m, where);
  return ipv6NotWider(parsed, m, where);
}
