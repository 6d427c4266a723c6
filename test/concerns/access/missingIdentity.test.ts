import { missingIdentity } from "../../../src/concerns/access/missingIdentity";

const config = (hosts: unknown[]) => ({ "ha-hardened-host:hosts": hosts });

describe("missingIdentity", () => {
  test("lists each host key and automation key a host lacks, with its config path and public-copy path", () => {
    const scan = missingIdentity(config([{ name: "a", hostKeys: { rsa: { secure: "v1:x" } }, bootstrap: { privateKey: { secure: "v1:y" } } }]));
    expect(scan.missing.map((m) => [m.path, m.kind, m.publicPath])).toEqual([
      ["ha-hardened-host:hosts[0].hostKeys.ed25519", "ed25519", "ha-hardened-host:hosts[0].hostKeys.ed25519Public"],
      ["ha-hardened-host:hosts[0].automationKey", "ed25519", "ha-hardened-host:hosts[0].automationPublicKey"],
    ]);
    expect(scan.missingBootstrapKey).toEqual([]);
  });

  test("secure: values and plain values both count as present, so nothing is ever regenerated over a stored key", () => {
    const full = { name: "a", hostKeys: { ed25519: { secure: "v1:a" }, rsa: "x" }, automationKey: { secure: "v1:b" }, bootstrap: { privateKey: { secure: "v1:c" } } };
    expect(missingIdentity(config([full])).missing).toEqual([]);
  });

  test("--host limits the scan, and an unknown host name is reported rather than ignored", () => {
    const scan = missingIdentity(config([{ name: "a" }, { name: "b" }]), "b");
    expect(new Set(scan.missing.map((m) => m.hostIndex))).toEqual(new Set([1]));
    expect(missingIdentity(config([{ name: "a" }]), "zzz").unknownHosts).toEqual(["zzz"]);
  });

  test("the bootstrap key is the user's own: reported as missing, never generated", () => {
    const scan = missingIdentity(config([{ name: "a" }]));
    expect(scan.missingBootstrapKey.map((b) => b.path)).toEqual(["ha-hardened-host:hosts[0].bootstrap.privateKey"]);
    expect(scan.missing.some((m) => m.path.includes("bootstrap"))).toBe(false);
  });
});
