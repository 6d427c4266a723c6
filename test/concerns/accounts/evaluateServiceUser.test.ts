import { evaluateServiceUser } from "../../../src/concerns/accounts/evaluateServiceUser";
import { encodeUserSpec } from "../../../src/core/stepManifest";
import { compliantHaUser } from "../../policies/fixtures/resources";

const judge = (change: object) => evaluateServiceUser(encodeUserSpec({ ...compliantHaUser(), ...change }));

describe("evaluateServiceUser", () => {
  it("passes a system user with no sudo, no groups, nologin and no keys", () => {
    expect(judge({})).toEqual([]);
  });

  it("fails sudo=yes", () => {
    expect(judge({ sudo: true })).toEqual(["The homeassistant service user must not have sudo; found `sudo=yes`."]);
  });

  it.each(["sudo", "wheel", "adm"])("fails membership of %s, an administrator group", (g) => {
    expect(judge({ groups: ["dialout", g] })).toEqual([`The homeassistant service user must not be in the groups ${g}; found \`groups=dialout,${g}\`.`]);
  });

  it("passes harmless groups such as dialout (Zigbee sticks)", () => {
    expect(judge({ groups: ["dialout"] })).toEqual([]);
  });

  it("fails a login shell", () => {
    expect(judge({ shell: "/bin/bash" })).toEqual(["The homeassistant service user must have the shell /usr/sbin/nologin or /bin/false; found `shell=/bin/bash`."]);
  });

  it("accepts /bin/false as a no-login shell", () => {
    expect(judge({ shell: "/bin/false" })).toEqual([]);
  });

  it("fails a spec that names root instead", () => {
    expect(judge({ name: "root" })).toContain("The homeassistant service user must not be root; found `name=root`.");
  });

  it("fails uid 0 written into the spec", () => {
    expect(evaluateServiceUser(encodeUserSpec(compliantHaUser()) + "uid=0\n")).toEqual(["The homeassistant service user must not have uid 0; found `uid=0`."]);
  });

  it("fails authorized keys, since the service user never logs in", () => {
    expect(judge({ authorizedKeys: ["ssh-ed25519 AAAA x"] })).toHaveLength(1);
  });
});
