import { STRONG_HOST_KEY_ALGORITHMS } from "../../../../src/concerns/ssh/algorithms";
import { compliantSshdConfig, DROP_IN, fileStep, HOST, sshdConfigStep, withSetting } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";

const POLICY = "ssh-weak-algorithms-absent";
const pack = usePack();

describe(POLICY, () => {
  afterEach(async () => {
    await pack().configure({});
  });

  it("passes the compliant drop-in", async () => {
    expect(await messagesOf(pack(), POLICY, sshdConfigStep())).toEqual([]);
  });

  it("fails a MACs list with hmac-sha1", async () => {
    const text = withSetting(compliantSshdConfig(), "MACs", "hmac-sha2-256-etm@openssh.com,hmac-sha1");
    const [message] = await messagesOf(pack(), POLICY, sshdConfigStep(text));
    expect(message).toMatch(new RegExp(`^${HOST}:${DROP_IN} must not enable weak MACs hmac-sha1; found \`MACs hmac-sha2-256-etm@openssh.com,hmac-sha1\` on line \\d+\\.$`));
  });

  it("fails `KexAlgorithms +diffie-hellman-group1-sha1` in an override file, judged with OpenSSH's default", async () => {
    const r = fileStep("sshd-override", "/etc/ssh/sshd_config.d/50-legacy.conf", "KexAlgorithms +diffie-hellman-group1-sha1\n");
    const [message] = await messagesOf(pack(), POLICY, r);
    expect(message).toContain("must not enable weak KexAlgorithms ecdh-sha2-nistp256");
    expect(message).toContain("diffie-hellman-group1-sha1; found `KexAlgorithms +diffie-hellman-group1-sha1` on line 1, which edits OpenSSH's default list.");
  });

  it("honours allowedExtraAlgorithms from the policy config, keeping the policy mandatory", async () => {
    const text = withSetting(compliantSshdConfig(), "HostKeyAlgorithms", [...STRONG_HOST_KEY_ALGORITHMS, "ecdsa-sha2-nistp256"].join(","));
    expect(await messagesOf(pack(), POLICY, sshdConfigStep(text))).toHaveLength(1);
    await pack().configure({ [POLICY]: { allowedExtraAlgorithms: ["ecdsa-sha2-nistp256"] } });
    expect(await messagesOf(pack(), POLICY, sshdConfigStep(text))).toEqual([]);
    const still = withSetting(compliantSshdConfig(), "MACs", "hmac-sha1");
    const [d] = (await pack().analyze(sshdConfigStep(still))).filter((x) => x.policyName === POLICY);
    expect(d.enforcementLevel).toBe("mandatory");
  });

  it("never lets config allow a SHA-1 algorithm", async () => {
    await pack().configure({ [POLICY]: { allowedExtraAlgorithms: ["hmac-sha1"] } });
    const text = withSetting(compliantSshdConfig(), "MACs", "hmac-sha1");
    expect(await messagesOf(pack(), POLICY, sshdConfigStep(text))).toHaveLength(1);
  });
});
