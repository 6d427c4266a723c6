import { compliantConnection, sshdConfigStep, UNKNOWN, withConnection } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";
import type { CapturedResource } from "../../../../src/preview/capturedResource";

const POLICY = "connection-host-key-pinned";
const pack = usePack();

const copy = (connection: Record<string, unknown>): CapturedResource => ({
  ...sshdConfigStep(),
  type: "command:remote:CopyToRemote",
  name: "ha-pi-copy",
  inputs: { connection, source: { "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", text: "x" }, remotePath: "/tmp/x" },
});

describe(POLICY, () => {
  it("passes a command whose connection pins the host key", async () => {
    expect(await messagesOf(pack(), POLICY, sshdConfigStep())).toEqual([]);
  });

  it("fails a command without hostKey", async () => {
    const r = withConnection(sshdConfigStep(), { hostKey: undefined });
    expect(await messagesOf(pack(), POLICY, r)).toEqual(["The connection of ha-pi-sshd-config must pin hostKey; it has none, so any host key would be accepted."]);
  });

  it("fails a hostKey that is not an authorized_keys line", async () => {
    const r = withConnection(sshdConfigStep(), { hostKey: "SHA256:abcdef" });
    expect(await messagesOf(pack(), POLICY, r)).toEqual(["The connection of ha-pi-sshd-config must set hostKey to one public key in authorized_keys format; found `SHA256:abcdef`."]);
  });

  it("fails a CopyToRemote without hostKey, and passes one with it", async () => {
    const { hostKey: _omit, ...unpinned } = compliantConnection();
    expect(await messagesOf(pack(), POLICY, copy(unpinned))).toEqual(["The connection of ha-pi-copy must pin hostKey; it has none, so any host key would be accepted."]);
    expect(await messagesOf(pack(), POLICY, copy(compliantConnection()))).toEqual([]);
  });

  it("fails a bastion (proxy) connection without hostKey", async () => {
    const { hostKey: _omit, ...proxy } = compliantConnection();
    const r = withConnection(sshdConfigStep(), { proxy });
    expect(await messagesOf(pack(), POLICY, r)).toEqual(["The proxy connection of ha-pi-sshd-config must pin hostKey; it has none, so any host key would be accepted."]);
  });

  it("does not pass an unknown hostKey: the pack reports it cannot run the policy during preview", async () => {
    const r = withConnection(sshdConfigStep(), { hostKey: UNKNOWN });
    const [message] = await messagesOf(pack(), POLICY, r);
    expect(message).toMatch(/^can't run policy 'connection-host-key-pinned' .* during preview: string value at \.connection\.hostKey can't be known during preview$/);
  });
});
