import { sshdLockoutProblems } from "../../../src/concerns/ssh/sshdLockout";

const ctx = { adminUser: "hhadmin", sudoGroup: "sudo" };
const directives = (extra: Record<string, string>) => sshdLockoutProblems(extra, ctx).map((p) => p.directive);

describe("sshdLockoutProblems", () => {
  test("settings that keep the admin's way in pass, whatever their case", () => {
    expect(directives({ allowusers: "hhadmin bob", AllowGroups: "sudo", DenyUsers: "root", AuthenticationMethods: "publickey publickey,password", Banner: "none" })).toEqual([]);
  });
  test("each way of locking the admin out is named", () => {
    expect(directives({ AllowUsers: "bob", DenyUsers: "*", AllowGroups: "wheel", DenyGroups: "sud?", PubkeyAuthentication: "no", AuthenticationMethods: "password", AuthorizedKeysFile: "none" }))
      .toEqual(["AllowUsers", "DenyUsers", "AllowGroups", "DenyGroups", "PubkeyAuthentication", "AuthenticationMethods", "AuthorizedKeysFile"]);
  });
  test("AllowUsers user@host patterns are judged by their user part", () => {
    expect(directives({ AllowUsers: "hhadmin@192.168.1.*" })).toEqual([]);
  });
});
