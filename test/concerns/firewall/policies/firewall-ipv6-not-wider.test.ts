import { messagesOf, usePack } from "../../../policies/fixtures/startPack";
import { HOST } from "../../../policies/fixtures/resources";
import { addInputRule, firewallStep, fwHost, fwModel } from "../firewallFixtures";

const POLICY = "firewall-ipv6-not-wider";
const pack = usePack();
const WHERE = `${HOST}:/etc/nftables.d/ha-hardened-host.nft`;

describe(POLICY, () => {
  it("passes the rendered ruleset, dual-stack and IPv4-only", async () => {
    expect(await messagesOf(pack(), POLICY, firewallStep())).toEqual([]);
    expect(await messagesOf(pack(), POLICY, firewallStep(undefined, fwModel(fwHost({ lanCidrs: ["192.168.1.0/24"] }))))).toEqual([]);
  });

  it("fails a port open to IPv6 but not to IPv4, as a mandatory violation", async () => {
    const [d] = (await pack().analyze(firewallStep(addInputRule("ip6 saddr fd00:1::/64 tcp dport 1883 accept")))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({ enforcementLevel: "mandatory", message: `${WHERE} opens tcp port 1883 to IPv6 but not to IPv4; IPv6 must never be more open than IPv4.` });
  });

  it("fails a port open to all of IPv6 but only to listed IPv4 networks", async () => {
    expect(await messagesOf(pack(), POLICY, firewallStep(addInputRule("ip6 saddr ::/0 tcp dport 8123 accept")))).toEqual([
      `${WHERE} opens tcp port 8123 to IPv6 from anywhere but to IPv4 only from private networks; IPv6 must never be more open than IPv4.`,
    ]);
  });

  it("fails a table for IPv4 only", async () => {
    expect(await messagesOf(pack(), POLICY, firewallStep((t) => t.replace(/table inet/g, "table ip")))).toEqual([
      `${WHERE} table ip ha_hardened_host must be table inet: an IPv4-only table leaves IPv6 unfiltered.`,
      `${WHERE} table ip ha_hardened_host must be table inet, so IPv4 and IPv6 share one ruleset.`,
    ]);
  });
});
