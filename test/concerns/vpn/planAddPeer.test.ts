import { planAddPeer } from "../../../src/concerns/vpn/planAddPeer";
import { isWireguardKey, wireguardPublicKeyOf } from "../../../src/concerns/vpn/wireguardKeys";
import { TABLET } from "./vpnTestFixtures";

const stack = (vpn: unknown) => ({ "ha-hardened-host:hosts": [{ name: "ha-pi", vpn }] });
const P = "ha-hardened-host:hosts[0].vpn";

describe("planAddPeer", () => {
  test("a first device: the host's key, then the device's preshared key and generated pair, at id 2", () => {
    const plan = planAddPeer(stack({ endpoint: "home.example.org:51820" }), { peer: "phone" });
    if (typeof plan === "string") throw new Error(plan);
    expect(plan.sets.map((s) => [s.path, s.secret])).toEqual([
      [`${P}.serverPrivateKey`, true],
      [`${P}.peers[0].presharedKey`, true],
      [`${P}.peers[0].privateKey`, true],
      [`${P}.peers[0].publicKey`, false],
      [`${P}.peers[0].id`, false],
      [`${P}.peers[0].name`, false],
    ]);
    expect(plan.sets.filter((s) => s.secret).every((s) => isWireguardKey(String(s.value)))).toBe(true);
    expect(plan.sets[3].value).toBe(wireguardPublicKeyOf(String(plan.sets[2].value)));
    expect(plan).toMatchObject({ id: 2, generatedKey: true, generatedServerKey: true });
  });

  test("a device that brings its own key: only its public key and a preshared key, at the smallest free id", () => {
    const plan = planAddPeer(stack({ endpoint: "h:1", serverPrivateKey: { secure: "v1:x" }, peers: [{ name: "a", id: 2 }, { name: "b", id: 4 }] }), { peer: "tablet", publicKey: TABLET.publicKey, fullTunnel: true });
    if (typeof plan === "string") throw new Error(plan);
    expect(plan.sets.map((s) => s.path)).toEqual([`${P}.peers[2].presharedKey`, `${P}.peers[2].publicKey`, `${P}.peers[2].id`, `${P}.peers[2].fullTunnel`, `${P}.peers[2].name`]);
    expect(plan.sets[1].value).toBe(TABLET.publicKey);
    expect(plan.id).toBe(3);
    expect(plan.sets.some((s) => s.path.endsWith("privateKey"))).toBe(false);
  });

  test("says why it cannot, in one sentence", () => {
    expect(planAddPeer(stack({}), { peer: "phone" })).toMatch(/^ha-pi has no vpn.endpoint: set it first/);
    expect(planAddPeer(stack({ endpoint: "h:1", peers: [{ name: "phone", id: 2 }] }), { peer: "phone" })).toBe("ha-pi already has a peer named phone");
    expect(planAddPeer(stack({ endpoint: "h:1" }), { peer: "Phone" })).toMatch(/^the peer name must be/);
    expect(planAddPeer(stack({ endpoint: "h:1" }), { peer: "p", publicKey: "nope" })).toMatch(/^--public-key must be a WireGuard public key/);
    expect(planAddPeer({ "ha-hardened-host:hosts": [{ name: "a" }, { name: "b" }] }, { peer: "p" })).toBe("the stack has 2 hosts: name one with --host");
  });
});
