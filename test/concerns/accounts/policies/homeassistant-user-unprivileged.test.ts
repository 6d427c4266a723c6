import { encodeUserSpec } from "../../../../src/core/stepManifest";
import { compliantHaUser, compliantStack, fileStep, haUserStep, HOST, HOST_URN, step } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";

const POLICY = "homeassistant-user-unprivileged";
const pack = usePack();

describe(POLICY, () => {
  it("passes the compliant homeassistant user step", async () => {
    expect(await messagesOf(pack(), POLICY, haUserStep())).toEqual([]);
  });

  it("fails sudo=yes", async () => {
    expect(await messagesOf(pack(), POLICY, haUserStep({ ...compliantHaUser(), sudo: true }))).toEqual([
      `On ${HOST}: The homeassistant service user must not have sudo; found \`sudo=yes\`.`,
    ]);
  });

  it("fails a login shell", async () => {
    expect(await messagesOf(pack(), POLICY, haUserStep({ ...compliantHaUser(), shell: "/bin/bash" }))).toEqual([
      `On ${HOST}: The homeassistant service user must have the shell /usr/sbin/nologin or /bin/false; found \`shell=/bin/bash\`.`,
    ]);
  });

  it("fails membership of wheel", async () => {
    expect(await messagesOf(pack(), POLICY, haUserStep({ ...compliantHaUser(), groups: ["wheel"] }))).toEqual([
      `On ${HOST}: The homeassistant service user must not be in the groups wheel; found \`groups=wheel\`.`,
    ]);
  });

  it("fails the homeassistant step when its spec creates root", async () => {
    expect(await messagesOf(pack(), POLICY, haUserStep({ ...compliantHaUser(), name: "root" }))).toContain(
      `On ${HOST}: The homeassistant service user must not be root; found \`name=root\`.`,
    );
  });

  it("does not judge the admin user, who is meant to have sudo", async () => {
    const admin = step("admin-user", { kind: "user", host: HOST, name: "hhadmin" }, encodeUserSpec({ ...compliantHaUser(), name: "hhadmin", sudo: true, shell: "/bin/bash" }));
    expect(await messagesOf(pack(), POLICY, admin)).toEqual([]);
  });

  it("fails a file step that grants homeassistant sudo through /etc/sudoers.d", async () => {
    const r = fileStep("sudoers-ha", "/etc/sudoers.d/ha", "homeassistant ALL=(ALL) NOPASSWD: ALL\n");
    expect(await messagesOf(pack(), POLICY, r)).toEqual([`On ${HOST}: /etc/sudoers.d/ha must not grant sudo to homeassistant; found \`homeassistant ALL=(ALL) NOPASSWD: ALL\`.`]);
  });

  describe("AnalyzeStack", () => {
    it("passes a stack whose host creates the homeassistant user", async () => {
      expect((await pack().analyzeStack(compliantStack())).filter((d) => d.policyName === POLICY)).toEqual([]);
    });

    it("fails a stack whose host never creates the homeassistant user, on that host's component", async () => {
      const stack = compliantStack().filter((r) => !r.name.endsWith("homeassistant-user"));
      const ds = (await pack().analyzeStack(stack)).filter((d) => d.policyName === POLICY);
      expect(ds.map((d) => [d.message, d.enforcementLevel, d.urn])).toEqual([
        [`Host ${HOST} must have a user step creating homeassistant; none of its steps does, so Home Assistant has no unprivileged account.`, "mandatory", HOST_URN],
      ]);
    });
  });
});
