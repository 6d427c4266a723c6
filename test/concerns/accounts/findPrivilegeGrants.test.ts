import { findPrivilegeGrants } from "../../../src/concerns/accounts/findPrivilegeGrants";

describe("findPrivilegeGrants", () => {
  it("finds a sudoers drop-in naming homeassistant", () => {
    expect(findPrivilegeGrants({ path: "/etc/sudoers.d/ha", content: "# ok\nhomeassistant ALL=(ALL) NOPASSWD:ALL\n" })).toEqual([
      "/etc/sudoers.d/ha must not grant sudo to homeassistant; found `homeassistant ALL=(ALL) NOPASSWD:ALL`.",
    ]);
  });

  it("ignores a sudoers file for another user, and a comment mentioning homeassistant", () => {
    expect(findPrivilegeGrants({ path: "/etc/sudoers.d/admin", content: "# not homeassistant\nhhadmin ALL=(ALL) NOPASSWD:ALL\n" })).toEqual([]);
  });

  it("does not confuse homeassistant-backup with homeassistant", () => {
    expect(findPrivilegeGrants({ path: "/etc/sudoers", content: "homeassistant-backup ALL=(ALL) ALL\n" })).toEqual([]);
  });

  it("ignores files outside sudoers", () => {
    expect(findPrivilegeGrants({ path: "/etc/motd", content: "homeassistant ALL=(ALL) ALL\n" })).toEqual([]);
  });

  it.each([
    ["usermod -aG sudo homeassistant", "sudo"],
    ["usermod -a -G dialout,wheel homeassistant", "wheel"],
    ["gpasswd -a homeassistant adm", "adm"],
    ["adduser homeassistant sudo", "sudo"],
  ])("finds `%s` in a script", (script, group) => {
    expect(findPrivilegeGrants({ script: `set -e\n${script}\n` })[0]).toContain(`must not add homeassistant to the group ${group}`);
  });

  it("lets a script add homeassistant to dialout", () => {
    expect(findPrivilegeGrants({ script: "usermod -aG dialout homeassistant\n" })).toEqual([]);
  });
});
