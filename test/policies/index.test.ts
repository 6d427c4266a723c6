import { compliantStack, fileStep, HOST, step, UNKNOWN } from "./fixtures/resources";
import { usePack } from "./fixtures/startPack";
import { compliantHaSteps } from "../concerns/homeassistant/haPolicyFixtures";

const pack = usePack();

describe("ha-securing-checklist pack", () => {
  it("reports nothing for a compliant host, resource by resource and for the whole stack", async () => {
    const stack = [...compliantStack(), ...compliantHaSteps()];
    for (const r of stack) expect(await pack().analyze(r)).toEqual([]);
    expect(await pack().analyzeStack(stack)).toEqual([]);
  });

  it("says which policies do not apply to a resource, so a report can show not applicable", async () => {
    const haUser = compliantStack().find((r) => r.name.endsWith("-homeassistant-user"))!;
    const { notApplicable } = await pack().analyzeFull(haUser);
    expect(notApplicable.map((n) => n.policyName).sort()).toEqual([
      "automatic-security-updates-on", "firewall-input-default-deny", "firewall-ipv6-not-wider", "firewall-lan-vpn-only",
      "ha-auth-providers-safe", "ha-closed-until-owner", "ha-config-credentials-secret", "ha-image-pinned", "ha-login-bans-on", "ha-runs-rootless", "ha-secrets-file-private", "host-lockdown-baseline", "ssh-password-auth-disabled", "ssh-root-login-disabled", "ssh-weak-algorithms-absent", "update-origins-distribution-only",
      "vpn-keys-secret", "vpn-peer-allowed-ips-host-routes",
    ]);
    expect(notApplicable.find((n) => n.policyName === "ssh-root-login-disabled")?.reason).toBe("The resource writes no sshd configuration.");
    expect(notApplicable.find((n) => n.policyName === "automatic-security-updates-on")?.reason).toBe("The resource writes no apt configuration.");
  });

  it("ignores resources that are not remote commands", async () => {
    const r = { ...compliantStack()[0], type: "ha-hardened-host:index:HardenedHost", inputs: {} };
    expect(await pack().analyze(r)).toEqual([]);
  });

  it("judges a script step whose stdin is unknown without a can't-run, since no policy needs that stdin", async () => {
    const script = step("close-bootstrap", { kind: "script", host: HOST, purpose: "remove the bootstrap key" }, UNKNOWN);
    expect(await pack().analyze(script)).toEqual([]);
  });

  it("cannot pass a sudoers file whose content is unknown: the user and lockdown policies report they cannot run", async () => {
    const ds = await pack().analyze(fileStep("sudoers", "/etc/sudoers.d/x", UNKNOWN));
    expect(ds.map((d) => [d.policyName, d.enforcementLevel])).toEqual([["homeassistant-user-unprivileged", "advisory"], ["host-lockdown-baseline", "advisory"]]);
    expect(ds[0].message).toContain("can't be known during preview");
  });
});
