import { aptConfValues } from "../../../src/concerns/updates/aptConfValues";
import { parseAptConf } from "../../../src/concerns/updates/parseAptConf";
import { renderUnattendedConf, type UpdatesHost } from "../../../src/concerns/updates/renderUnattendedConf";
import { UNATTENDED_SETTINGS } from "../../../src/concerns/updates/unattendedSettings";

const host = (o: Partial<UpdatesHost["updates"]> = {}, os: UpdatesHost["os"] = "debian-13"): UpdatesHost => ({
  os,
  updates: { reboot: { automatic: false, time: "04:00" }, extraOrigins: [], ...o },
});
const valuesOf = (h: UpdatesHost) => aptConfValues(parseAptConf(renderUnattendedConf(h)));

describe("renderUnattendedConf", () => {
  test("the default Debian 13 file, exactly: periodic runs on, only Debian's security origin, no automatic reboot, the journal as report", () => {
    expect(renderUnattendedConf(host())).toBe(`// ha-hardened-host: automatic security updates; managed file, local changes are overwritten.
// ha-hardened-host: written for os debian-13
APT::Periodic::Update-Package-Lists "1";
APT::Periodic::Unattended-Upgrade "1";
APT::Periodic::AutocleanInterval "7";
Unattended-Upgrade::AutoFixInterruptedDpkg "true";
Unattended-Upgrade::MinimalSteps "true";
Unattended-Upgrade::Remove-Unused-Kernel-Packages "true";
Unattended-Upgrade::Remove-New-Unused-Dependencies "true";
Unattended-Upgrade::Remove-Unused-Dependencies "false";
Unattended-Upgrade::Automatic-Reboot-WithUsers "false";
Unattended-Upgrade::SyslogEnable "true";
Unattended-Upgrade::Automatic-Reboot "false";
Unattended-Upgrade::Automatic-Reboot-Time "04:00";
#clear Unattended-Upgrade::Allowed-Origins;
#clear Unattended-Upgrade::Origins-Pattern;
Unattended-Upgrade::Origins-Pattern {
  "origin=Debian,codename=\${distro_codename}-security,label=Debian-Security";
};
`);
  });

  test("every fixed setting lands with its value, as apt reads the file", () => {
    const v = valuesOf(host());
    for (const s of UNATTENDED_SETTINGS) expect([s.key, v.scalars.get(s.key.toLowerCase())]).toEqual([s.key, s.value]);
  });

  test("the reboot window and the mail report come from config; mail is reported on change only", () => {
    const v = valuesOf(host({ reboot: { automatic: true, time: "03:30" }, mailTo: "owner@example.org" }));
    expect(v.scalars.get("unattended-upgrade::automatic-reboot")).toBe("true");
    expect(v.scalars.get("unattended-upgrade::automatic-reboot-time")).toBe("03:30");
    expect(v.scalars.get("unattended-upgrade::mail")).toBe("owner@example.org");
    expect(v.scalars.get("unattended-upgrade::mailreport")).toBe("on-change");
    expect(valuesOf(host()).scalars.has("unattended-upgrade::mail")).toBe(false);
  });

  test("extra origins follow the distribution's, each once; the package's own lists are cleared first, so this list is the whole list", () => {
    const v = valuesOf(host({ extraOrigins: ["o=Vendor", "o=Vendor"] }, "raspios-12"));
    expect(v.lists.get("unattended-upgrade::origins-pattern")).toEqual([
      "origin=Debian,codename=${distro_codename}-security,label=Debian-Security",
      "origin=Raspberry Pi Foundation,codename=${distro_codename},label=Raspberry Pi Foundation",
      "o=Vendor",
    ]);
    expect([...v.cleared]).toEqual(["unattended-upgrade::allowed-origins", "unattended-upgrade::origins-pattern"]);
  });

  test("Ubuntu gets its security pocket", () => {
    expect(valuesOf(host({}, "ubuntu-24.04")).lists.get("unattended-upgrade::origins-pattern")).toEqual(["origin=Ubuntu,archive=${distro_codename}-security"]);
  });
});
