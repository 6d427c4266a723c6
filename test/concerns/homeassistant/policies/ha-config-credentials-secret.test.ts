import { HOST } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";
import { CONFIGURATION, haConfigStep } from "../haPolicyFixtures";

const POLICY = "ha-config-credentials-secret";
const pack = usePack();

describe(POLICY, () => {
  it("passes the managed configuration as rendered, and a credential given as a !secret reference", async () => {
    expect(await messagesOf(pack(), POLICY, haConfigStep("managed-block"))).toEqual([]);
    expect(await messagesOf(pack(), POLICY, haConfigStep("managed-block", "mqtt:\n  password: !secret mqtt_password\n"))).toEqual([]);
  });

  it("fails a password written into the configuration, as a mandatory violation: it lands in every copy of the file", async () => {
    const [d] = (await pack().analyze(haConfigStep("managed-block", "mqtt:\n  broker: 192.168.1.5\n  password: hunter2\n"))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({ enforcementLevel: "mandatory", message: `${HOST}:${CONFIGURATION} must refer to mqtt.password with !secret, not hold the value itself.` });
  });

  it("fails an API key nested in a list, since integrations list their accounts", async () => {
    expect(await messagesOf(pack(), POLICY, haConfigStep("managed-block", "notify:\n  - platform: x\n    api_key: abc\n"))).toEqual([
      `${HOST}:${CONFIGURATION} must refer to notify.0.api_key with !secret, not hold the value itself.`,
    ]);
  });
});
