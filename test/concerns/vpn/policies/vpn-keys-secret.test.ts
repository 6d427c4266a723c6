import { compliantWireguardConfig, HOST, WG_CONFIG, WG_KEY_A, wireguardConfigStep } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";

const POLICY = "vpn-keys-secret";
const pack = usePack();
const SUBJECT = `${HOST}:${WG_CONFIG}`;

describe(POLICY, () => {
  it("passes the step as the program registers it: secret stdin, stdout and stderr, no log stream", async () => {
    expect(await messagesOf(pack(), POLICY, wireguardConfigStep())).toEqual([]);
  });

  it("fails a step that leaves its payload in plain text in state, as a mandatory critical violation", async () => {
    const [d] = (await pack().analyze(wireguardConfigStep(compliantWireguardConfig(), { additionalSecretOutputs: ["connection"] }))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({
      enforcementLevel: "mandatory",
      severity: "critical",
      message: `${SUBJECT} must be delivered by a step whose stdin, stdout, stderr stay secret in state; ${HOST}-vpn-config leaves them in plain text.`,
    });
  });

  it("fails a step that streams its output to the log", async () => {
    expect(await messagesOf(pack(), POLICY, wireguardConfigStep(undefined, {}, { logging: "stdoutAndStderr" }))).toEqual([
      `${SUBJECT} must be delivered by a step that streams no log (logging: none); ${HOST}-vpn-config streams stdoutAndStderr.`,
    ]);
  });

  it("fails a key on the command line", async () => {
    const r = wireguardConfigStep();
    const withKey = { ...r, inputs: { ...r.inputs, create: `${r.inputs.create as string} '${WG_KEY_A}'` } };
    expect(await messagesOf(pack(), POLICY, withKey)).toEqual([`${SUBJECT} must travel on stdin; ${HOST}-vpn-config has a WireGuard key on its command line.`]);
  });
});
