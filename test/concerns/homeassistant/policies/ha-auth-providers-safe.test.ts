import { HOST } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";
import { CONFIGURATION, haConfigStep } from "../haPolicyFixtures";

const POLICY = "ha-auth-providers-safe";
const pack = usePack();
const providers = (list: string) => `homeassistant:\n  auth_providers:\n${list}`;

describe(POLICY, () => {
  it("passes the rendered block, and a trusted single host that may skip the login", async () => {
    expect(await messagesOf(pack(), POLICY, haConfigStep("managed-block"))).toEqual([]);
    const single = providers("    - type: homeassistant\n    - type: trusted_networks\n      trusted_networks: [192.168.1.5/32]\n      allow_bypass_login: true\n");
    expect(await messagesOf(pack(), POLICY, haConfigStep("managed-block", single))).toEqual([]);
  });

  it("fails trusted networks without the password provider, as a mandatory violation: nobody could log in with a password", async () => {
    const [d] = (await pack().analyze(haConfigStep("managed-block", providers("    - type: trusted_networks\n      trusted_networks: [192.168.1.5/32]\n")))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({ enforcementLevel: "mandatory", message: `${HOST}:${CONFIGURATION} must keep the homeassistant (password) auth provider, not only trusted_networks.` });
  });

  it("fails a whole network that skips the login, which is every guest and compromised device on it", async () => {
    const wide = providers("    - type: homeassistant\n    - type: trusted_networks\n      trusted_networks: [192.168.1.0/24]\n      allow_bypass_login: true\n");
    expect(await messagesOf(pack(), POLICY, haConfigStep("managed-block", wide))).toEqual([`${HOST}:${CONFIGURATION} must not let 192.168.1.0/24 skip the login (allow_bypass_login) unless it is a single host.`]);
  });
});
