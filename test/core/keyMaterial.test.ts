import { checkPrivateKey, checkPublicKeyLine, fingerprintOf, publicKeyOf } from "../../src/core/keyMaterial";
import { keys } from "../support/keyFixtures";

const RULE = { kinds: ["ed25519", "rsa"] as const, minRsaBits: 3072 };

describe("keyMaterial", () => {
  test("accepts Ed25519 and RSA >= 3072 private keys; refuses RSA 2048 by size", () => {
    expect(checkPrivateKey(keys().automation.privateKey, RULE)).toMatchObject({ ok: true, type: "ed25519" });
    expect(checkPrivateKey(keys().hostRsa.privateKey, RULE)).toMatchObject({ ok: true, type: "rsa", bits: 3072 });
    expect(checkPrivateKey(keys().rsa2048.privateKey, RULE)).toEqual({ ok: false, message: "must be an RSA private key of at least 3072 bits, not 2048" });
  });

  test("the public half and fingerprint match what the key pair generator produced", () => {
    const k = keys().hostEd25519;
    expect(publicKeyOf(k.privateKey)).toBe(k.publicKey.split(" ").slice(0, 2).join(" "));
    expect(fingerprintOf(k.privateKey)).toBe(fingerprintOf(k.publicKey));
  });

  test("public key lines: security keys pass, ECDSA logins and garbage base64 fail, a private key is never echoed", () => {
    expect(checkPublicKeyLine("sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t x", "login").ok).toBe(true);
    expect(checkPublicKeyLine("ecdsa-sha2-nistp256 AAAA", "login").ok).toBe(false);
    expect(checkPublicKeyLine("ssh-ed25519 not*base64", "login").ok).toBe(false);
    const r = checkPublicKeyLine(keys().automation.privateKey, "login");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toContain(keys().automation.privateKey.split("\n")[1]);
  });

  test("a fresh box may present an ECDSA host key before hardening", () => {
    const line = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=";
    expect(checkPublicKeyLine(line, "bootstrap-host")).toMatchObject({ ok: true, type: "ecdsa" });
  });
});
