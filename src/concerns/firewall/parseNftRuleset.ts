/** One rule of a chain, as the policies read it. Absent fields match anything. */
export interface NftRule {
  line: number;
  text: string;
  iifnames?: string[];
  saddr4?: string[];
  saddr6?: string[];
  daddr4?: string[];
  daddr6?: string[];
  /** Destination ports by protocol ("any": th dport); undefined: every port. */
  ports?: { protocol: "tcp" | "udp" | "any"; lo: number; hi: number }[];
  /** Only IPv4 (icmp, meta nfproto ipv4) or only IPv6 (icmpv6, nfproto ipv6). */
  family?: 4 | 6;
  icmp: boolean;
  ctStates?: string[];
  /** A match negated with != : read as matching anything. */
  negated: boolean;
  verdict?: string;
  /** Words the reader does not know: read as matching anything. */
  unknown: string[];
}

export interface NftChain {
  name: string;
  hook?: string;
  policy?: string;
  rules: NftRule[];
}

export interface NftTable {
  family: string;
  name: string;
  chains: NftChain[];
}

export interface NftRuleset {
  tables: NftTable[];
  /** Statements outside a table declaration the reader cannot judge, with their line. */
  problems: string[];
}

const TOKEN = /"[^"]*"|!=|[{},;]|[^\s{},;]+/g;
const VERDICTS = new Set(["accept", "drop", "reject", "jump", "goto", "return", "continue", "queue"]);

/** Reads `{ a, b }` or a single value at tokens[i]; returns the values and the index after them. */
function values(t: string[], i: number): [string[], number] {
  if (t[i] !== "{") return [[(t[i] ?? "").replace(/^"|"$/g, "")], i + 1];
  const out: string[] = [];
  let j = i + 1;
  while (j < t.length && t[j] !== "}") {
    if (t[j] !== ",") out.push(t[j].replace(/^"|"$/g, ""));
    j++;
  }
  return [out, j + 1];
}

function ports(protocol: "tcp" | "udp" | "any", vals: string[]): { protocol: "tcp" | "udp" | "any"; lo: number; hi: number }[] {
  return vals.map((v) => {
    const [lo, hi] = v.split("-").map(Number);
    return { protocol, lo, hi: hi ?? lo };
  });
}

/** Parses one rule's text (comments removed) into its matches and verdict. */
export function parseRule(text: string, line: number): NftRule {
  const rule: NftRule = { line, text, icmp: false, negated: false, unknown: [] };
  const t = text.replace(/\bcomment\s+"[^"]*"/g, "").match(TOKEN) ?? [];
  let i = 0;
  const take = (): [string[], number] => {
    if (t[i] === "!=") {
      rule.negated = true;
      i++;
    }
    return values(t, i);
  };
  while (i < t.length) {
    const a = t[i];
    const b = t[i + 1];
    if (a === "iifname") { i++; const [v, n] = take(); rule.iifnames = rule.negated ? undefined : v; i = n; }
    else if ((a === "ip" || a === "ip6") && (b === "saddr" || b === "daddr")) {
      i += 2;
      const neg = rule.negated;
      const [v, n] = take();
      i = n;
      if (rule.negated && !neg) continue;
      const key = `${b}${a === "ip" ? "4" : "6"}` as "saddr4" | "saddr6" | "daddr4" | "daddr6";
      rule[key] = v;
      rule.family = a === "ip" ? 4 : 6;
    } else if ((a === "tcp" || a === "udp" || a === "th") && b === "dport") {
      i += 2;
      const neg = rule.negated;
      const [v, n] = take();
      i = n;
      if (rule.negated && !neg) continue;
      rule.ports = [...(rule.ports ?? []), ...ports(a === "th" ? "any" : a, v)];
    } else if (a === "ct" && b === "state") { i += 2; const [v, n] = take(); rule.ctStates = v; i = n; }
    else if (a === "icmp" || a === "icmpv6") {
      rule.icmp = true;
      rule.family = a === "icmp" ? 4 : 6;
      i += 2; // "type"
      const [, n] = take();
      i = n;
    } else if (a === "meta" && b === "nfproto") { const [v, n] = values(t, i + 2); rule.family = v[0] === "ipv4" ? 4 : v[0] === "ipv6" ? 6 : undefined; i = n; }
    else if (a === "meta" && b === "l4proto") { const [, n] = values(t, i + 2); i = n; }
    else if (a === "ip6" && b === "hoplimit") i += 3;
    else if ((a === "update" || a === "add") && b?.startsWith("@")) { i += 2; if (t[i] === "{") [, i] = values(t, i); }
    else if (a === "limit") { i += 2; while (i < t.length && !VERDICTS.has(t[i]) && !["counter", "log"].includes(t[i])) i++; }
    else if (a === "counter" || a === ";") i++;
    else if (VERDICTS.has(a)) { rule.verdict = a; i += a === "jump" || a === "goto" ? 2 : 1; }
    else { rule.unknown.push(a); i++; }
  }
  return rule;
}

/**
 * Reads an nftables file as `nft -f` would for the forms a host firewall uses: `table FAMILY NAME { set …,
 * chain NAME { type … hook H …; policy P; RULES } }`, plus `table`/`delete table`/`flush` lines and comments.
 */
export function parseNftRuleset(text: string): NftRuleset {
  const out: NftRuleset = { tables: [], problems: [] };
  const lines = text.split("\n");
  let table: NftTable | undefined;
  let chain: NftChain | undefined;
  let depth = 0; // inside a set or other block within a table
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    const s = raw.replace(/^\s+|\s+$/g, "");
    if (s === "" || s.startsWith("#")) return;
    if (!table) {
      const m = /^table\s+(\S+)\s+(\S+)\s*\{$/.exec(s);
      if (m) {
        table = { family: m[1], name: m[2], chains: [] };
        out.tables.push(table);
      } else if (!/^(table|delete table|flush table|flush ruleset)\b[^{}]*$/.test(s)) out.problems.push(`line ${line}: \`${s}\``);
      return;
    }
    if (!chain) {
      if (depth > 0) {
        depth += (s.match(/\{/g) ?? []).length - (s.match(/\}/g) ?? []).length;
        return;
      }
      const c = /^chain\s+(\S+)\s*\{$/.exec(s);
      if (c) chain = { name: c[1], rules: [] };
      else if (s === "}") table = undefined;
      else {
        const opened = (s.match(/\{/g) ?? []).length - (s.match(/\}/g) ?? []).length;
        if (/^chain\s/.test(s)) out.problems.push(`line ${line}: \`${s}\``);
        depth = opened;
      }
      return;
    }
    if (s === "}") {
      table.chains.push(chain);
      chain = undefined;
      return;
    }
    const hook = /^type\s+\S+\s+hook\s+(\S+)\b.*?(?:policy\s+(\w+))?\s*;?\s*$/.exec(s);
    if (hook) {
      chain.hook = hook[1];
      chain.policy = hook[2] ?? /policy\s+(\w+)/.exec(s)?.[1];
      return;
    }
    const policy = /^policy\s+(\w+)\s*;?$/.exec(s);
    if (policy) {
      chain.policy = policy[1];
      return;
    }
    chain.rules.push(parseRule(s, line));
  });
  if (table) out.problems.push(`table ${table.family} ${table.name} is not closed`);
  return out;
}
