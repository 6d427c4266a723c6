import { renderRuleset } from "../../../src/concerns/firewall/renderRuleset";
import { FAKE_VPN, fwHost, fwModel } from "./firewallFixtures";

const input = (text: string) => /chain input \{\n([\s\S]*?)\n\t\}/.exec(text)![1].split("\n").map((l) => l.trim());
const forward = (text: string) => /chain forward \{\n([\s\S]*?)\n\t\}/.exec(text)![1].split("\n").map((l) => l.trim());

describe("renderRuleset", () => {
  test("replaces only its own table, in one transaction, and drops by default in and forward, accepts out", () => {
    const text = renderRuleset(fwModel());
    expect(text.split("\n").slice(2, 4)).toEqual(["table inet ha_hardened_host", "delete table inet ha_hardened_host"]);
    expect(text).not.toMatch(/flush ruleset|table ip |table ip6 /);
    expect(input(text)[0]).toBe("type filter hook input priority filter; policy drop;");
    expect(forward(text)).toEqual(["type filter hook forward priority filter; policy drop;"]);
    expect(text).toContain("type filter hook output priority filter; policy accept;");
  });

  test("the baseline without a VPN: state, loopback, the ICMP a host needs, SSH rate-limited per source and from the LAN, Home Assistant from the LAN", () => {
    const rules = input(renderRuleset(fwModel())).filter((l) => !l.startsWith("#"));
    expect(rules).toEqual([
      "type filter hook input priority filter; policy drop;",
      "ct state established,related accept",
      "ct state invalid drop",
      'iifname "lo" accept',
      "icmp type { destination-unreachable, time-exceeded, parameter-problem } accept",
      "icmp type echo-request limit rate 10/second burst 20 packets accept",
      "icmpv6 type { destination-unreachable, packet-too-big, time-exceeded, parameter-problem } accept",
      "icmpv6 type { nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } ip6 hoplimit 255 accept",
      "icmpv6 type echo-request limit rate 10/second burst 20 packets accept",
      'tcp dport 22 ct state new update @rate_tcp_22_v4 { ip saddr limit rate over 60/minute burst 120 packets } drop comment "ssh: new connections per source"',
      'tcp dport 22 ct state new update @rate_tcp_22_v6 { ip6 saddr limit rate over 60/minute burst 120 packets } drop comment "ssh: new connections per source"',
      'ip saddr { 192.168.1.0/24 } tcp dport 22 accept comment "ssh from lan"',
      'ip6 saddr { fd00:1::/64 } tcp dport 22 accept comment "ssh from lan"',
      'ip saddr { 192.168.1.0/24 } tcp dport 8123 accept comment "home-assistant from lan"',
      'ip6 saddr { fd00:1::/64 } tcp dport 8123 accept comment "home-assistant from lan"',
    ]);
  });

  test("with the VPN zone: SSH and Home Assistant also from its interface AND its clients, its port from anywhere, and one narrow forward rule per family", () => {
    const text = renderRuleset(fwModel(undefined, FAKE_VPN));
    const rules = input(text);
    expect(rules).toContain('iifname "wg0" ip saddr { 10.8.0.0/24 } tcp dport 22 accept comment "ssh from vpn"');
    expect(rules).toContain('iifname "wg0" ip6 saddr { fd42:8::/64 } tcp dport 8123 accept comment "home-assistant from vpn"');
    expect(rules).toContain('udp dport 51820 accept comment "wireguard from any"');
    expect(forward(text).filter((l) => !l.startsWith("#"))).toEqual([
      "type filter hook forward priority filter; policy drop;",
      "ct state established,related accept",
      'iifname "wg0" ip saddr { 10.8.0.0/24 } ip daddr { 192.168.1.0/24 } accept comment "vpn to lan"',
      'iifname "wg0" ip6 saddr { fd42:8::/64 } ip6 daddr { fd00:1::/64 } accept comment "vpn to lan"',
    ]);
    const noForward = renderRuleset(fwModel(undefined, { ...FAKE_VPN, vpn: { ...FAKE_VPN.vpn, forwardToLan: false } }));
    expect(forward(noForward)).toEqual(["type filter hook forward priority filter; policy drop;"]);
  });

  test("each optional service and LAN service opens from the LAN only, when switched on; admin networks reach SSH only", () => {
    const text = renderRuleset(fwModel(fwHost({ adminCidrs: ["203.0.113.7/32"], services: { mqtt: true, mqttTls: true, samba: true, mdns: true, homekit: true }, lanServices: [{ name: "zigbee", protocol: "tcp", port: 6638 }] })));
    const accepts = input(text).filter((l) => l.includes(" accept comment"));
    for (const [proto, port] of [["tcp", 1883], ["tcp", 8883], ["tcp", 139], ["tcp", 445], ["udp", 5353], ["tcp", 21063], ["tcp", 6638]] as const) {
      expect(accepts.filter((l) => l.includes(`${proto} dport ${port} `))).toEqual([
        expect.stringMatching(new RegExp(`^ip saddr \\{ 192.168.1.0/24 \\} ${proto} dport ${port} accept comment ".* from lan"$`)),
        expect.stringMatching(new RegExp(`^ip6 saddr \\{ fd00:1::/64 \\} ${proto} dport ${port} accept comment ".* from lan"$`)),
      ]);
    }
    expect(accepts.filter((l) => l.includes("203.0.113.7"))).toEqual(['ip saddr { 203.0.113.7/32 } tcp dport 22 accept comment "ssh from admin"']);
    expect(renderRuleset(fwModel())).not.toMatch(/1883|445|5353|21063/);
  });
});
