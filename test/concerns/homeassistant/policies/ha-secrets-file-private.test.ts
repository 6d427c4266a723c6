import { HOST } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";
import { GITIGNORE, haGitignoreStep, haSecretsStep, SECRETS } from "../haPolicyFixtures";

const POLICY = "ha-secrets-file-private";
const pack = usePack();

describe(POLICY, () => {
  it("passes secrets.yaml and the .gitignore as the program writes them", async () => {
    expect(await messagesOf(pack(), POLICY, haSecretsStep())).toEqual([]);
    expect(await messagesOf(pack(), POLICY, haGitignoreStep())).toEqual([]);
  });

  it("fails a group-readable secrets.yaml, as a mandatory violation: the file is not encrypted", async () => {
    const [d] = (await pack().analyze(haSecretsStep({ mode: "0640" }))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({ enforcementLevel: "mandatory", message: `${HOST}:${SECRETS} must have mode 0600, not 0640.` });
  });

  it("fails secrets.yaml owned by root, which Home Assistant (homeassistant) cannot read", async () => {
    expect(await messagesOf(pack(), POLICY, haSecretsStep({ owner: "root", group: "root" }))).toEqual([`${HOST}:${SECRETS} must be owned by homeassistant:homeassistant, not root:root.`]);
  });

  it("fails a step that leaves the secrets in plain text in state", async () => {
    expect(await messagesOf(pack(), POLICY, haSecretsStep({}, { additionalSecretOutputs: ["connection"] }))).toEqual([
      `${HOST}:${SECRETS} must be delivered by a step whose stdin, stdout, stderr stay secret in state; ${HOST}-ha-secrets leaves them in plain text.`,
    ]);
  });

  it("fails a .gitignore that forgets .storage, which holds the login tokens", async () => {
    expect(await messagesOf(pack(), POLICY, haGitignoreStep("secrets.yaml\nip_bans.yaml\n.cloud\n"))).toEqual([`${HOST}:${GITIGNORE} must name .storage, which hold secrets or credentials.`]);
  });
});
