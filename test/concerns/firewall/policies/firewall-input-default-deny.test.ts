import { messagesOf, usePack } from "../../../policies/fixtures/startPack";
import { HOST } from "../../../policies/fixtures/resources";
import { addInputRule, firewallStep, fwModel } from "../firewallFixtures";

const POLICY = "firewall-input-default-deny";
const pack = usePack();
const WHERE = `${HOST}:/etc/nftables.d/ha-hardened-host.nft`;

describe(POLICY, () => {
  it("passes the rendered ruleset, with and without the VPN zone", async () => {
    expect(await messagesOf(pack(), POLICY, firewallStep())).toEqual([]);
    expect(await messagesOf(pack(), POLICY, firewallStep(undefined, fwModel()))).toEqual([]);
  });

  it("fails an input chain whose policy is accept, as a mandatory violation", async () => {
    const [d] = (await pack().analyze(firewallStep((t) => t.replace("hook input priority filter; policy drop;", "hook input priority filter; policy accept;")))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({ enforcementLevel: "mandatory", severity: "high", message: `${WHERE} chain input must have policy drop, not accept.` });
  });

  it("fails a missing forward chain (forwarding would be open)", async () => {
    const text = (t: string) => t.replace(/\tchain forward \{[\s\S]*?\n\t\}\n/, "");
    expect(await messagesOf(pack(), POLICY, firewallStep(text))).toEqual([`${WHERE} must have a forward chain with policy drop in table inet ha_hardened_host, but has none.`]);
  });

  it("fails a rule that accepts every packet", async () => {
    const [m] = await messagesOf(pack(), POLICY, firewallStep(addInputRule("counter accept")));
    expect(m).toMatch(/line \d+: `counter accept` must not accept every packet in chain input\.$/);
  });

  it("fails forwarding that is not the VPN's clients to the LAN", async () => {
    const text = (t: string) => t.replace("ct state established,related accept\n\t\t# wg0", 'iifname "eth0" accept\n\t\tct state established,related accept\n\t\t# wg0');
    const [m] = await messagesOf(pack(), POLICY, firewallStep(text));
    expect(m).toMatch(/`iifname "eth0" accept` must not forward anything but the VPN's clients to the LAN\.$/);
  });

  it("fails a ruleset without its table, and statements it cannot judge", async () => {
    expect(await messagesOf(pack(), POLICY, firewallStep((t) => t.replace(/ha_hardened_host/g, "other")))).toEqual([`${WHERE} must declare table inet ha_hardened_host, but declares none.`]);
    expect(await messagesOf(pack(), POLICY, firewallStep((t) => `${t}add rule inet ha_hardened_host input accept\n`))).toEqual([
      expect.stringMatching(/must hold only table declarations the pack can judge; found line \d+: `add rule inet ha_hardened_host input accept`\.$/),
    ]);
  });
});
