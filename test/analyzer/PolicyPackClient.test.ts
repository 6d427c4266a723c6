import { compliantSshdConfig, sshdConfigStep, withSetting } from "../policies/fixtures/resources";
import { usePack } from "../policies/fixtures/startPack";

const pack = usePack();

describe("PolicyPackClient", () => {
  afterEach(async () => {
    await pack().configure({});
  });

  it("returns the violation's own sentence as message and the policy's description apart", async () => {
    const [d] = await pack().analyze(sshdConfigStep(withSetting(compliantSshdConfig(), "PermitRootLogin", "yes")));
    expect(d.message).not.toContain("\n");
    expect(d.description).toMatch(/^The sshd configuration a step puts on the host must set PermitRootLogin no/);
  });

  it("configure with properties only keeps the policy's own level, unlike the proto default (advisory)", async () => {
    await pack().configure({ "ssh-weak-algorithms-absent": { allowedExtraAlgorithms: [] } });
    const [d] = await pack().analyze(sshdConfigStep(withSetting(compliantSshdConfig(), "Ciphers", "aes128-cbc")));
    expect(d.enforcementLevel).toBe("mandatory");
  });

  it("configure can lower a policy to advisory or disable it, as --policy-pack-config does", async () => {
    const bad = sshdConfigStep(withSetting(compliantSshdConfig(), "PermitRootLogin", "yes"));
    await pack().configure({ "ssh-root-login-disabled": "advisory" });
    expect((await pack().analyze(bad))[0].enforcementLevel).toBe("advisory");
    await pack().configure({ "ssh-root-login-disabled": "disabled" });
    expect(await pack().analyze(bad)).toEqual([]);
  });

  it("refuses config for a policy the pack does not have, naming it", async () => {
    await expect(pack().configure({ "no-such-policy": "advisory" })).rejects.toThrow("policy pack config names no-such-policy, which ha-securing-checklist does not have");
  });

  it("passes stack identity and tags through ConfigureStack", async () => {
    await expect(pack().configureStack({ stack: "example", project: "ha-hardened-host", dryRun: true, tags: { owner: "home" } })).resolves.toBeUndefined();
  });
});
