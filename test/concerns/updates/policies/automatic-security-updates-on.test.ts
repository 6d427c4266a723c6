import { OS_IDS } from "../../../../src/core/osTable";
import { compliantStack, compliantUnattendedConf, fileStep, HOST, HOST_URN, unattendedConfStep, UNKNOWN } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";

const POLICY = "automatic-security-updates-on";
const FILE = "/etc/apt/apt.conf.d/52ha-hardened-host-unattended-upgrades";
const SECURITY = "origin=Debian,codename=${distro_codename}-security,label=Debian-Security";
const pack = usePack();

/** The compliant file with ONE line replaced. */
function withLine(from: string, to: string, text = compliantUnattendedConf()): string {
  if (!text.includes(from)) throw new Error(`fixture has no ${from}`);
  return text.replace(from, to);
}

describe(POLICY, () => {
  it("passes the compliant file, for every supported OS", async () => {
    for (const os of OS_IDS) expect(await messagesOf(pack(), POLICY, unattendedConfStep(compliantUnattendedConf({ os })))).toEqual([]);
  });

  it("fails Unattended-Upgrade switched off, as a mandatory high violation: the host would never install a fix", async () => {
    const text = withLine('APT::Periodic::Unattended-Upgrade "1";', 'APT::Periodic::Unattended-Upgrade "0";');
    const [d] = (await pack().analyze(unattendedConfStep(text))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({
      enforcementLevel: "mandatory",
      severity: "high",
      message: `${HOST}:${FILE} must not set APT::Periodic::Unattended-Upgrade to "0", which turns automatic updates off.`,
    });
  });

  it("fails a file that never sets Update-Package-Lists: without fresh lists no fix is ever seen", async () => {
    const text = withLine('APT::Periodic::Update-Package-Lists "1";\n', "");
    expect(await messagesOf(pack(), POLICY, unattendedConfStep(text))).toEqual([`${HOST}:${FILE} must set APT::Periodic::Update-Package-Lists to "1", but sets nothing.`]);
  });

  it("fails a file without the OS's security origin, since the distribution's fixes would not be installed", async () => {
    const text = withLine(`  "${SECURITY}";\n`, '  "origin=Debian,codename=${distro_codename},label=Debian";\n');
    expect(await messagesOf(pack(), POLICY, unattendedConfStep(text))).toEqual([
      `${HOST}:${FILE} must allow debian-13's security origin "${SECURITY}" in Unattended-Upgrade::Origins-Pattern, but allows "origin=Debian,codename=\${distro_codename},label=Debian".`,
    ]);
  });

  it("fails a Raspberry Pi OS file without the Raspberry Pi archive, which carries the kernel and firmware fixes", async () => {
    const text = withLine('  "origin=Raspberry Pi Foundation,codename=${distro_codename},label=Raspberry Pi Foundation";\n', "", compliantUnattendedConf({ os: "raspios-12" }));
    expect(await messagesOf(pack(), POLICY, unattendedConfStep(text))).toEqual([
      `${HOST}:${FILE} must allow raspios-12's security origin "origin=Raspberry Pi Foundation,codename=\${distro_codename},label=Raspberry Pi Foundation" in Unattended-Upgrade::Origins-Pattern, but allows "${SECURITY}".`,
    ]);
  });

  it("fails an Ubuntu file with Debian's origin: each OS needs its own", async () => {
    const text = compliantUnattendedConf().replace("written for os debian-13", "written for os ubuntu-24.04");
    expect(await messagesOf(pack(), POLICY, unattendedConfStep(text))).toEqual([
      `${HOST}:${FILE} must allow ubuntu-24.04's security origin "origin=Ubuntu,archive=\${distro_codename}-security" in Unattended-Upgrade::Origins-Pattern, but allows "${SECURITY}".`,
    ]);
  });

  it("fails a file that names no OS, since its security origin cannot be checked", async () => {
    const text = withLine("// ha-hardened-host: written for os debian-13\n", "");
    expect(await messagesOf(pack(), POLICY, unattendedConfStep(text))).toEqual([`${HOST}:${FILE} must name the OS it is written for, so its security origin can be checked, but names none.`]);
  });

  it("fails a file the pack cannot read, rather than guessing what apt makes of it", async () => {
    const text = withLine('APT::Periodic::Unattended-Upgrade "1";', 'APT::Periodic::Unattended-Upgrade "1;');
    expect(await messagesOf(pack(), POLICY, unattendedConfStep(text))).toEqual([
      `${HOST}:${FILE} must be apt configuration the pack can read, not text that fails at line 4: an unterminated quoted value.`,
    ]);
  });

  it("catches another apt configuration file that switches the periodic runs off, whichever way", async () => {
    expect(await messagesOf(pack(), POLICY, fileStep("apt-local", "/etc/apt/apt.conf.d/99local", 'APT::Periodic { Unattended-Upgrade "0"; };\n'))).toEqual([
      `${HOST}:/etc/apt/apt.conf.d/99local must not set APT::Periodic::Unattended-Upgrade to "0", which turns automatic updates off.`,
    ]);
    expect(await messagesOf(pack(), POLICY, fileStep("apt-main", "/etc/apt/apt.conf", 'APT::Periodic::Enable "0";\n'))).toEqual([
      `${HOST}:/etc/apt/apt.conf must not set APT::Periodic::Enable to "0", which stops every periodic apt job.`,
    ]);
  });

  it("lets another apt configuration file through when it leaves the periodic runs alone", async () => {
    expect(await messagesOf(pack(), POLICY, fileStep("apt-proxy", "/etc/apt/apt.conf.d/30proxy", 'Acquire::http::Proxy "http://192.168.1.5:3142";\n'))).toEqual([]);
  });

  it("refuses a CopyToRemote into apt.conf.d, whose content the pack cannot judge", async () => {
    const copy = { ...unattendedConfStep(), type: "command:remote:CopyToRemote", name: "ha-pi-copy", inputs: { connection: unattendedConfStep().inputs.connection, remotePath: "/etc/apt/apt.conf.d/99x" } };
    expect(await messagesOf(pack(), POLICY, copy)).toEqual(["ha-pi-copy must not copy apt configuration to /etc/apt/apt.conf.d/99x; write it with a file step so its content can be judged."]);
  });

  it("ignores files outside apt's configuration", async () => {
    expect(await messagesOf(pack(), POLICY, fileStep("motd", "/etc/motd", 'APT::Periodic::Unattended-Upgrade "0";\n'))).toEqual([]);
  });

  it("fails a host whose steps never write the file (it would never update itself), on the host's component", async () => {
    expect((await pack().analyzeStack(compliantStack())).filter((d) => d.policyName === POLICY)).toEqual([]);
    const stack = compliantStack().filter((r) => !r.name.endsWith("unattended-upgrades-config"));
    expect((await pack().analyzeStack(stack)).filter((d) => d.policyName === POLICY).map((d) => [d.message, d.urn])).toEqual([
      [`Host ${HOST} must have a file step writing ${FILE}; none of its steps does, so it never installs security fixes by itself.`, HOST_URN],
    ]);
  });

  it("does not pass an unknown payload: the pack reports it cannot run the policy during preview", async () => {
    const ds = (await pack().analyze(unattendedConfStep(UNKNOWN))).filter((d) => d.policyName === POLICY);
    expect(ds.map((d) => [d.enforcementLevel, d.message])).toEqual([
      ["advisory", "can't run policy 'automatic-security-updates-on' from policy pack 'ha-securing-checklist@v0.1.0' during preview: string value at .stdin can't be known during preview"],
    ]);
  });
});
