import { compliantSshdConfig, DROP_IN, fileStep, HOST, secret, sshdConfigStep, UNKNOWN, withSetting } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";

const POLICY = "ssh-root-login-disabled";
const pack = usePack();

describe(POLICY, () => {
  it("passes the compliant drop-in", async () => {
    expect(await messagesOf(pack(), POLICY, sshdConfigStep())).toEqual([]);
  });

  it("fails PermitRootLogin prohibit-password in the drop-in, as a mandatory critical violation", async () => {
    const text = withSetting(compliantSshdConfig(), "PermitRootLogin", "prohibit-password");
    const [d] = (await pack().analyze(sshdConfigStep(text))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({
      policyPackName: "ha-securing-checklist",
      enforcementLevel: "mandatory",
      severity: "critical",
      urn: "",
      message: `${HOST}:${DROP_IN} must not set PermitRootLogin to prohibit-password; found \`PermitRootLogin prohibit-password\` on line 2.`,
    });
  });

  it("catches an override slipped in as a file step under sshd_config.d", async () => {
    const r = fileStep("sshd-override", "/etc/ssh/sshd_config.d/99-local.conf", "Match User pi\n  PermitRootLogin yes\n");
    expect(await messagesOf(pack(), POLICY, r)).toEqual([
      `${HOST}:/etc/ssh/sshd_config.d/99-local.conf must not set PermitRootLogin to yes; found \`PermitRootLogin yes\` on line 2 inside \`Match User pi\` (line 1).`,
    ]);
  });

  it("refuses a CopyToRemote into sshd_config.d, whose content the pack cannot judge", async () => {
    const copy = { ...sshdConfigStep(), type: "command:remote:CopyToRemote", name: "ha-pi-copy", inputs: { connection: sshdConfigStep().inputs.connection, remotePath: "/etc/ssh/sshd_config.d/10-x.conf" } };
    expect(await messagesOf(pack(), POLICY, copy)).toEqual([
      "ha-pi-copy must not copy sshd configuration to /etc/ssh/sshd_config.d/10-x.conf; write it with an sshd-config or file step so its content can be judged.",
    ]);
  });

  it("ignores files outside /etc/ssh/sshd_config*", async () => {
    expect(await messagesOf(pack(), POLICY, fileStep("motd", "/etc/motd", "PermitRootLogin yes\n"))).toEqual([]);
  });

  it("judges a secret-wrapped payload by its plaintext, as @pulumi/policy unwraps secrets", async () => {
    const text = withSetting(compliantSshdConfig(), "PermitRootLogin", "yes");
    expect(await messagesOf(pack(), POLICY, sshdConfigStep(secret(text)))).toHaveLength(1);
    expect(await messagesOf(pack(), POLICY, sshdConfigStep(secret(compliantSshdConfig())))).toEqual([]);
  });

  it("does not pass an unknown payload: the pack reports it cannot run the policy during preview", async () => {
    const ds = (await pack().analyze(sshdConfigStep(UNKNOWN))).filter((d) => d.policyName === POLICY);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toBe(
      "can't run policy 'ssh-root-login-disabled' from policy pack 'ha-securing-checklist@v0.1.0' during preview: string value at .stdin can't be known during preview",
    );
    expect(ds[0].enforcementLevel).toBe("advisory");
  });
});
