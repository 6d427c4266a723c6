import { messagesOf, usePack } from "../../../policies/fixtures/startPack";
import { HOST, UNKNOWN } from "../../../policies/fixtures/resources";
import { addInputRule, FAKE_VPN, firewallStep, fwHost, fwManifest, fwModel } from "../firewallFixtures";
import { step } from "../../../policies/fixtures/resources";

const POLICY = "firewall-lan-vpn-only";
const pack = usePack();

describe(POLICY, () => {
  it("passes the rendered ruleset: without a VPN, with one, with services and an admin network", async () => {
    expect(await messagesOf(pack(), POLICY, firewallStep(undefined, fwModel()))).toEqual([]);
    expect(await messagesOf(pack(), POLICY, firewallStep())).toEqual([]);
    const busy = fwModel(fwHost({ adminCidrs: ["203.0.113.7/32"], services: { mqtt: true, samba: true, mdns: true, homekit: true }, lanServices: [{ name: "zigbee", protocol: "tcp", port: 6638 }] }), FAKE_VPN);
    expect(await messagesOf(pack(), POLICY, firewallStep(undefined, busy))).toEqual([]);
  });

  it("fails Home Assistant's port open to anywhere, as a mandatory critical violation", async () => {
    const [d] = (await pack().analyze(firewallStep(addInputRule("tcp dport 8123 accept")))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({ enforcementLevel: "mandatory", severity: "critical" });
    expect(d.message).toMatch(new RegExp(`^${HOST}:/etc/nftables.d/ha-hardened-host.nft line \\d+: \`tcp dport 8123 accept\` accepts tcp port 8123 from anywhere; it must accept it only from the LAN or the VPN\\.$`));
  });

  it("fails SSH from a network outside the LAN and the VPN", async () => {
    const [m] = await messagesOf(pack(), POLICY, firewallStep(addInputRule("ip saddr 198.51.0.0/16 tcp dport 22 accept")));
    expect(m).toMatch(/accepts tcp port 22 from 198.51.0.0\/16; it must accept it only from the LAN or the VPN\.$/);
  });

  it("fails a service port from the VPN's interface without its client networks, or from everywhere but one address", async () => {
    expect(await messagesOf(pack(), POLICY, firewallStep(addInputRule('iifname "wg0" tcp dport 1883 accept')))).toHaveLength(1);
    expect(await messagesOf(pack(), POLICY, firewallStep(addInputRule("ip saddr != 192.0.2.1 tcp dport 445 accept")))).toHaveLength(1);
  });

  it("fails SSH on the public port list, and a port range that reaches past the public port", async () => {
    const model = fwModel(undefined, FAKE_VPN);
    const manifest = { ...fwManifest(model), publicPorts: [...fwManifest(model).publicPorts, { protocol: "tcp" as const, port: 22 }] };
    expect(await messagesOf(pack(), POLICY, firewallStep(addInputRule("tcp dport 22 accept"), model, manifest))).toHaveLength(1);
    expect(await messagesOf(pack(), POLICY, firewallStep(addInputRule("udp dport 51000-52000 accept")))).toHaveLength(1);
  });

  it("fails an admin network wider than an admin's own, and a LAN zone that covers the internet", async () => {
    const model = fwModel(fwHost({ adminCidrs: ["203.0.0.0/8"] }));
    expect(await messagesOf(pack(), POLICY, firewallStep(undefined, model))).toHaveLength(1);
    const open = fwModel(fwHost({ lanCidrs: ["0.0.0.0/0"] }));
    const ms = await messagesOf(pack(), POLICY, firewallStep(undefined, open));
    expect(ms[0]).toBe(`${HOST}:/etc/nftables.d/ha-hardened-host.nft must not count 0.0.0.0/0 as the LAN: it is a public range.`);
  });

  it("does not pass an unknown ruleset: the pack reports it cannot run the policy during preview", async () => {
    const model = fwModel();
    const ds = (await pack().analyze(step("firewall", fwManifest(model), UNKNOWN))).filter((d) => d.policyName === POLICY);
    expect(ds).toHaveLength(1);
    expect(ds[0].enforcementLevel).toBe("advisory");
  });
});
