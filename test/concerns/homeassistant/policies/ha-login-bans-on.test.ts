import { httpSettings } from "../../../../src/concerns/homeassistant/renderHaConfig";
import { HOST } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";
import { haOwnerStep } from "../haPolicyFixtures";
import { haBaseline } from "../haTestFixtures";

const POLICY = "ha-login-bans-on";
const pack = usePack();
const SUBJECT = `${HOST}:Home Assistant's http settings`;

describe(POLICY, () => {
  it("passes the settings as rendered: bans on after 5 failed logins", async () => {
    expect(await messagesOf(pack(), POLICY, haOwnerStep())).toEqual([]);
  });

  it("fails bans switched off, as a mandatory violation: a password could be guessed forever", async () => {
    const [d] = (await pack().analyze(haOwnerStep({ ...httpSettings(haBaseline()), ip_ban_enabled: false }))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({ enforcementLevel: "mandatory", message: `${SUBJECT} must turn ip_ban_enabled on, not false.` });
  });

  it("fails Home Assistant's own default threshold -1, which never bans", async () => {
    expect(await messagesOf(pack(), POLICY, haOwnerStep({ ...httpSettings(haBaseline()), login_attempts_threshold: -1 }))).toEqual([
      `${SUBJECT} must ban after a number of failed logins (login_attempts_threshold 1 or more), not -1.`,
    ]);
  });
});
