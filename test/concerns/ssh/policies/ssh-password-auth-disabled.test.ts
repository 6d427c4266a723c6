import { compliantSshdConfig, DROP_IN, fileStep, HOST, sshdConfigStep, withSetting } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";

const POLICY = "ssh-password-auth-disabled";
const pack = usePack();

describe(POLICY, () => {
  it("passes the compliant drop-in", async () => {
    expect(await messagesOf(pack(), POLICY, sshdConfigStep())).toEqual([]);
  });

  it("fails PasswordAuthentication yes", async () => {
    const text = withSetting(compliantSshdConfig(), "PasswordAuthentication", "yes");
    expect(await messagesOf(pack(), POLICY, sshdConfigStep(text))).toEqual([
      `${HOST}:${DROP_IN} must not set PasswordAuthentication to yes; found \`PasswordAuthentication yes\` on line 3.`,
    ]);
  });

  it("fails KbdInteractiveAuthentication yes", async () => {
    const text = withSetting(compliantSshdConfig(), "KbdInteractiveAuthentication", "yes");
    expect(await messagesOf(pack(), POLICY, sshdConfigStep(text))).toEqual([
      `${HOST}:${DROP_IN} must not set KbdInteractiveAuthentication to yes; found \`KbdInteractiveAuthentication yes\` on line 4.`,
    ]);
  });

  it("fails AuthenticationMethods that ask for keyboard-interactive", async () => {
    const text = withSetting(compliantSshdConfig(), "AuthenticationMethods", "publickey,keyboard-interactive:pam");
    expect((await messagesOf(pack(), POLICY, sshdConfigStep(text)))[0]).toMatch(/must not list keyboard-interactive:pam in AuthenticationMethods; found/);
  });

  it("fails a drop-in that leaves PasswordAuthentication out, since OpenSSH defaults it to yes", async () => {
    const text = compliantSshdConfig().replace(/^PasswordAuthentication .*\n/m, "");
    expect(await messagesOf(pack(), POLICY, sshdConfigStep(text))).toEqual([
      `${HOST}:${DROP_IN} must set PasswordAuthentication no; it is not set, so OpenSSH's default yes applies.`,
    ]);
  });

  it("catches ChallengeResponseAuthentication yes slipped into the main sshd_config", async () => {
    const r = fileStep("sshd-main", "/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nChallengeResponseAuthentication yes\n");
    expect((await messagesOf(pack(), POLICY, r))[0]).toContain("must not set ChallengeResponseAuthentication to yes; found `ChallengeResponseAuthentication yes` on line 2.");
  });
});
