import { compliantWireguardConfig, fileStep, HOST, secret, UNKNOWN, WG_CONFIG, wireguardConfigStep } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";

const POLICY = "vpn-peer-allowed-ips-host-routes";
const pack = usePack();

describe(POLICY, () => {
  it("passes a config whose peers hold a /32 and a /128", async () => {
    expect(await messagesOf(pack(), POLICY, wireguardConfigStep())).toEqual([]);
  });

  it("fails a peer that claims everything, as a mandatory high violation, judging the secret payload by its plaintext", async () => {
    const [d] = (await pack().analyze(wireguardConfigStep(secret(compliantWireguardConfig("0.0.0.0/0, ::/0"))))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({
      enforcementLevel: "mandatory",
      severity: "high",
      message: `${HOST}:${WG_CONFIG} must give each peer host routes only (/32, /128); the peer at line 7 claims everything with \`0.0.0.0/0\` on line 10.`,
    });
  });

  it("fails a peer that claims a network, and catches a config slipped in as a file step", async () => {
    const r = fileStep("wg-extra", "/etc/wireguard/wg1.conf", compliantWireguardConfig("10.77.0.2/32, 192.168.1.0/24"));
    expect(await messagesOf(pack(), POLICY, r)).toEqual([
      `${HOST}:/etc/wireguard/wg1.conf must give each peer host routes only (/32, /128); the peer at line 7 claims a whole network with \`192.168.1.0/24\` on line 10.`,
    ]);
  });

  it("does not pass an unknown payload", async () => {
    const ds = (await pack().analyze(wireguardConfigStep(UNKNOWN))).filter((d) => d.policyName === POLICY);
    expect(ds.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    expect(ds[0].message).toContain("can't be known during preview");
  });

  it("ignores files outside /etc/wireguard", async () => {
    expect(await messagesOf(pack(), POLICY, fileStep("motd", "/etc/motd", compliantWireguardConfig("0.0.0.0/0")))).toEqual([]);
  });
});
