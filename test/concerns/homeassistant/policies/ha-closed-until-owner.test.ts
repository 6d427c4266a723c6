import { HOST } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";
import { FIRST_START, haConfigStep } from "../haPolicyFixtures";

const POLICY = "ha-closed-until-owner";
const pack = usePack();
const SUBJECT = `${HOST}:${FIRST_START}`;

describe(POLICY, () => {
  it("passes the first-start package as rendered: bound to 127.0.0.1", async () => {
    expect(await messagesOf(pack(), POLICY, haConfigStep("first-start"))).toEqual([]);
  });

  it("fails a first start bound to every address, as a mandatory critical violation: whoever reaches it first becomes its owner", async () => {
    const [d] = (await pack().analyze(haConfigStep("first-start", "http:\n  server_port: 8123\n"))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({
      enforcementLevel: "mandatory",
      severity: "critical",
      message: `${SUBJECT} must bind Home Assistant to the host itself (http.server_host 127.0.0.1) until the owner exists; it binds every address.`,
    });
  });

  it("fails a first start that also listens on the LAN address", async () => {
    expect(await messagesOf(pack(), POLICY, haConfigStep("first-start", "http:\n  server_host: [127.0.0.1, 192.168.1.20]\n"))).toEqual([
      `${SUBJECT} must bind Home Assistant only to the host itself until the owner exists, not 192.168.1.20.`,
    ]);
  });

  it("fails use_x_forwarded_for without trusted_proxies: Home Assistant refuses it and starts in recovery mode on every address", async () => {
    expect(await messagesOf(pack(), POLICY, haConfigStep("first-start", "http:\n  server_host: [127.0.0.1]\n  use_x_forwarded_for: false\n"))).toEqual([
      `${SUBJECT} must set use_x_forwarded_for and trusted_proxies together or neither: Home Assistant refuses one alone and starts in recovery mode on every address.`,
    ]);
  });
});
