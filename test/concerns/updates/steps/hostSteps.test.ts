import { renderUnattendedConf } from "../../../../src/concerns/updates/renderUnattendedConf";
import { configSourceFromMap } from "../../../../src/core/configSource";
import { decodeManifest } from "../../../../src/core/stepManifest";
import { runProgram } from "../../../../src/program";
import { configMap, validHost } from "../../../support/keyFixtures";
import { recordProgram, type RecordedRegistration } from "../../../support/recordProgram";

const UPDATES = { reboot: { automatic: true, time: "03:15" }, mailTo: "owner@example.org", extraOrigins: ["o=Vendor"] };

describe("the updates concern's steps", () => {
  let regs: RecordedRegistration[];
  const byName = (name: string): RecordedRegistration => {
    const r = regs.find((x) => x.name === name);
    if (!r) throw new Error(`no resource ${name}`);
    return r;
  };
  beforeAll(async () => {
    const m = configMap([validHost({ os: "debian-12", updates: UPDATES })]);
    const r = await recordProgram(() => runProgram(configSourceFromMap(m.config, m.secretKeys)), m);
    if (r.error) throw r.error;
    regs = r.registrations;
  });

  test("run only over the admin login, after its first proof, never in the bootstrap phase: nothing about updates can lock anyone out", () => {
    const names = regs.map((r) => r.name);
    expect(names.filter((n) => /updates-packages|unattended-upgrades-config|update-timers/.test(n))).toEqual(["ha-pi-updates-packages", "ha-pi-unattended-upgrades-config", "ha-pi-update-timers"]);
    expect(byName("ha-pi-updates-packages").dependencies).toEqual([byName("ha-pi-verify-login").urn]);
  });

  test("install the package, then the file, then turn the timers on, each after the one before", () => {
    expect(byName("ha-pi-unattended-upgrades-config").dependencies).toEqual([byName("ha-pi-updates-packages").urn]);
    expect(byName("ha-pi-update-timers").dependencies).toEqual([byName("ha-pi-unattended-upgrades-config").urn]);
    expect(byName("ha-pi-verify-admin-login").dependencies).toContain(byName("ha-pi-update-timers").urn);
  });

  test("the file step's manifest names the file, and its stdin is exactly the rendered text for the host's OS and config", () => {
    const conf = byName("ha-pi-unattended-upgrades-config");
    expect(decodeManifest(conf.wireInputs.create)).toEqual({ kind: "file", host: "ha-pi", path: "/etc/apt/apt.conf.d/52ha-hardened-host-unattended-upgrades", mode: "0644", owner: "root", group: "root" });
    expect(conf.wireInputs.stdin).toBe(renderUnattendedConf({ os: "debian-12", updates: UPDATES }));
    expect(decodeManifest(byName("ha-pi-updates-packages").wireInputs.create)).toEqual({ kind: "packages", host: "ha-pi", packages: ["unattended-upgrades"] });
  });
});
