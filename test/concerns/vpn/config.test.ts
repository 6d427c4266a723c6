import { loadStackConfig } from "../../../src/config/loadStackConfig";
import { ConfigError } from "../../../src/core/configError";
import { configSourceFromMap } from "../../../src/core/configSource";
import { opaqueSecret } from "../../../src/core/opaqueSecret";
import { configMap, validHost } from "../../support/keyFixtures";
import { PHONE, rawVpn, SERVER } from "./vpnTestFixtures";

function problemsOf(vpn: unknown, hostOverrides: Record<string, unknown> = {}, secret = true): string[] {
  const m = configMap([validHost({ vpn, ...hostOverrides })], secret);
  try {
    loadStackConfig(configSourceFromMap(m.config, m.secretKeys));
  } catch (e) {
    if (!ConfigError.isInstance(e)) throw e;
    return e.problems.map((p) => `${p.key}: ${p.message}`);
  }
  return [];
}

const AT = "ha-hardened-host:hosts[0].vpn";

describe("vpn config", () => {
  test("a vpn entry loads with its documented defaults; a host without one runs no VPN", () => {
    const m = configMap([validHost({ vpn: rawVpn() }), validHost({ name: "ha-mini", address: "192.168.1.21" })]);
    const [withVpn, without] = loadStackConfig(configSourceFromMap(m.config, m.secretKeys)).hosts;
    expect(withVpn.vpn).toMatchObject({ port: 51820, subnet4: "10.77.0.0/24", subnet6: "fdb4:e7f2:3c19:77::/64", forwardToLan: false, dns: [], persistentKeepalive: 25 });
    expect(withVpn.vpn!.peers.map((p) => p.fullTunnel)).toEqual([false, false]);
    expect(without.vpn).toBeUndefined();
  });

  test.each([
    ["an endpoint without a port", rawVpn({ endpoint: "home.example.org" }), `${AT}.endpoint: must be host:port as devices reach the host`],
    ["a key that is not a WireGuard key", rawVpn({ serverPrivateKey: "hunter2" }), `${AT}.serverPrivateKey: must be a WireGuard key`],
    ["a peer id of 1 (the host's)", rawVpn({ peers: [{ ...rawVpn().peers[0], id: 1 }] }), `${AT}.peers[0].id: must be 2 or more (1 is the host)`],
    ["a v6 subnet other than a /64", rawVpn({ subnet6: "fd00::/48" }), `${AT}.subnet6: must have a prefix length of /64-/64, not /48`],
    ["a v4 subnet given as v6", rawVpn({ subnet4: "fd00::/64" }), `${AT}.subnet4: must be an IPv4 network`],
    ["two peers with one id", rawVpn({ peers: [rawVpn().peers[0], { ...rawVpn().peers[1], id: 2 }] }), `${AT}.peers[1].id: must be unique, but 2 is also vpn.peers[0].id`],
    ["a public key that is not the private key's half", rawVpn({ peers: [{ ...rawVpn().peers[0], publicKey: SERVER.publicKey }] }), `${AT}.peers[0].publicKey: must be the public half of privateKey`],
    ["a tunnel subnet inside the LAN", rawVpn({ subnet4: "192.168.0.0/16" }), `${AT}.subnet4: must not overlap the LAN 192.168.1.0/24`],
  ])("refuses %s, naming the key", (_what, vpn, expected) => {
    expect(problemsOf(vpn).join("\n")).toContain(expected);
  });

  test("forwardToLan needs a LAN", () => {
    expect(problemsOf(rawVpn({ forwardToLan: true }), { lanCidrs: [] })).toEqual([`${AT}.forwardToLan: needs lanCidrs: there is no LAN to forward to`]);
  });

  test("WireGuard keys in plain text are refused: in a non-secret value, and among a stack file's opaque secure: values", () => {
    const plain = "must be stored as a secret (`pulumi config set --secret --path ...`), not in plain text";
    expect(problemsOf(rawVpn(), {}, false)).toEqual(expect.arrayContaining([`${AT}.serverPrivateKey: ${plain}`, `${AT}.peers[0].privateKey: ${plain}`, `${AT}.peers[1].presharedKey: ${plain}`]));
    const offline = rawVpn({ serverPrivateKey: opaqueSecret("v1:abc"), peers: [{ ...rawVpn().peers[0], privateKey: opaqueSecret("v1:def"), presharedKey: opaqueSecret("v1:ghi") }] });
    expect(problemsOf(offline)).toEqual([]);
    const leaked = { ...offline, peers: [{ ...offline.peers[0], presharedKey: PHONE.privateKey }] };
    expect(problemsOf(leaked)).toEqual([`${AT}.peers[0].presharedKey: ${plain}`]);
  });
});
