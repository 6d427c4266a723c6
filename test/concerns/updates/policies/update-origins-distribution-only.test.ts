import { compliantUnattendedConf, fileStep, HOST, unattendedConfStep } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";

const POLICY = "update-origins-distribution-only";
const FILE = "/etc/apt/apt.conf.d/52ha-hardened-host-unattended-upgrades";
const VENDOR = "origin=Example Vendor,label=Example";
const PI = "origin=Raspberry Pi Foundation,codename=${distro_codename},label=Raspberry Pi Foundation";
const pack = usePack();

const withExtra = (extraOrigins: string[], os: "debian-13" | "raspios-13" = "debian-13") =>
  unattendedConfStep(compliantUnattendedConf({ os, updates: { reboot: { automatic: false, time: "04:00" }, extraOrigins } }));

describe(POLICY, () => {
  beforeEach(async () => {
    await pack().configure({});
  });

  it("passes the distribution's own origins, Raspberry Pi OS's archive included", async () => {
    expect(await messagesOf(pack(), POLICY, unattendedConfStep())).toEqual([]);
    expect(await messagesOf(pack(), POLICY, unattendedConfStep(compliantUnattendedConf({ os: "raspios-13" })))).toEqual([]);
  });

  it("flags an extra origin as an advisory: installing a vendor's packages unattended is a choice to see, not an error", async () => {
    const [d] = (await pack().analyze(withExtra([VENDOR]))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({
      enforcementLevel: "advisory",
      severity: "medium",
      message: `${HOST}:${FILE} must not allow "${VENDOR}" in Unattended-Upgrade::Origins-Pattern, an origin beyond the distribution's, unless allowedExtraOrigins lists it.`,
    });
  });

  it("flags the Raspberry Pi archive on a Debian host: it is that OS's origin, not Debian's", async () => {
    expect(await messagesOf(pack(), POLICY, withExtra([PI]))).toHaveLength(1);
  });

  it("lets exactly the origins allowedExtraOrigins names through, and no other", async () => {
    await pack().configure({ [POLICY]: { allowedExtraOrigins: [VENDOR] } });
    expect(await messagesOf(pack(), POLICY, withExtra([VENDOR]))).toEqual([]);
    expect(await messagesOf(pack(), POLICY, withExtra(["origin=Other"]))).toHaveLength(1);
  });

  it("flags an origin another apt configuration file adds, in either list form", async () => {
    const r = fileStep("apt-vendor", "/etc/apt/apt.conf.d/60vendor", 'Unattended-Upgrade::Allowed-Origins { "Vendor:stable"; };\nUnattended-Upgrade::Origins-Pattern:: "o=Vendor";\n');
    expect(await messagesOf(pack(), POLICY, r)).toEqual([
      `${HOST}:/etc/apt/apt.conf.d/60vendor must not allow "o=Vendor" in Unattended-Upgrade::Origins-Pattern, an origin beyond the distribution's, unless allowedExtraOrigins lists it.`,
      `${HOST}:/etc/apt/apt.conf.d/60vendor must not allow "Vendor:stable" in Unattended-Upgrade::Allowed-Origins, an origin beyond the distribution's, unless allowedExtraOrigins lists it.`,
    ]);
  });
});
