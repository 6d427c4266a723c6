import { secret, sshdConfigStep, UNKNOWN, withConnection } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";

const POLICY = "connection-no-password";
const pack = usePack();

describe(POLICY, () => {
  it("passes a connection with a secret private key and no password", async () => {
    expect(await messagesOf(pack(), POLICY, sshdConfigStep())).toEqual([]);
  });

  it("fails a secret-wrapped password, which the pack sees through", async () => {
    const r = withConnection(sshdConfigStep(), { password: secret("hunter2") });
    const messages = await messagesOf(pack(), POLICY, r);
    expect(messages).toEqual(["The connection of ha-pi-sshd-config must not set password; it logs in with a password."]);
    expect(messages.join()).not.toContain("hunter2");
  });

  it("fails a connection with neither privateKey nor agent", async () => {
    const r = withConnection(sshdConfigStep(), { privateKey: undefined });
    expect(await messagesOf(pack(), POLICY, r)).toEqual(["The connection of ha-pi-sshd-config must authenticate with privateKey or agentSocketPath; it sets neither."]);
  });

  it("accepts an agent socket instead of a private key", async () => {
    const r = withConnection(sshdConfigStep(), { privateKey: undefined, agentSocketPath: "/run/user/1000/ssh-agent.sock" });
    expect(await messagesOf(pack(), POLICY, r)).toEqual([]);
  });

  it("does not pass an unknown password: the pack reports it cannot run the policy during preview", async () => {
    const r = withConnection(sshdConfigStep(), { password: UNKNOWN });
    const [message] = await messagesOf(pack(), POLICY, r);
    expect(message).toContain("can't run policy 'connection-no-password'");
  });
});
