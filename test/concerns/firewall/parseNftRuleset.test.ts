import { parseNftRuleset, parseRule } from "../../../src/concerns/firewall/parseNftRuleset";

describe("parseNftRuleset", () => {
  test("reads the listing nft prints (multi-line sets with elements, chains with hook and policy)", () => {
    const listing = [
      "table inet ha_hardened_host {",
      "\tset rate_tcp_22_v4 {",
      "\t\ttype ipv4_addr",
      "\t\tflags dynamic,timeout",
      "\t\telements = { 198.19.10.129 limit rate over 60/minute burst 120 packets }",
      "\t}",
      "\tchain input {",
      "\t\ttype filter hook input priority filter; policy drop;",
      '\t\tip saddr 198.18.10.0/24 tcp dport 22 accept comment "ssh from lan"',
      "\t}",
      "}",
    ].join("\n");
    const r = parseNftRuleset(listing);
    expect(r.problems).toEqual([]);
    expect(r.tables).toHaveLength(1);
    const [input] = r.tables[0].chains;
    expect(input).toMatchObject({ name: "input", hook: "input", policy: "drop" });
    expect(input.rules).toEqual([expect.objectContaining({ line: 9, saddr4: ["198.18.10.0/24"], ports: [{ protocol: "tcp", lo: 22, hi: 22 }], verdict: "accept", family: 4 })]);
  });

  test("reads sets of values, ranges, th dport, negation and words it does not know (read as matching anything)", () => {
    expect(parseRule('iifname { "wg0", "wg1" } ip6 saddr { fd00::/8, fe80::/10 } th dport 1000-1010 accept', 1)).toMatchObject({
      iifnames: ["wg0", "wg1"], saddr6: ["fd00::/8", "fe80::/10"], ports: [{ protocol: "any", lo: 1000, hi: 1010 }], verdict: "accept", negated: false,
    });
    const neg = parseRule("ip saddr != 10.0.0.0/8 tcp dport 80 accept", 1);
    expect(neg.negated).toBe(true);
    expect(neg.saddr4).toBeUndefined();
    expect(parseRule("meta mark 0x1 tcp dport 80 accept", 1).unknown).toEqual(["meta", "mark", "0x1"]);
  });

  test("names what it cannot judge outside a table", () => {
    expect(parseNftRuleset("flush ruleset\ninclude \"/etc/x.nft\"\n").problems).toEqual(['line 2: `include "/etc/x.nft"`']);
  });
});
