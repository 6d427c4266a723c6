import { spawnSync } from "child_process";
import { generatePresharedKey, generateWireguardKeyPair, isWireguardKey, wireguardPublicKeyOf } from "../../../src/concerns/vpn/wireguardKeys";

describe("WireGuard keys from Node's crypto", () => {
  it("derives the public key wg itself derives (RFC 7748 test vector: Alice's key pair)", () => {
    const priv = Buffer.from("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", "hex").toString("base64");
    const pub = Buffer.from("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", "hex").toString("base64");
    expect(wireguardPublicKeyOf(priv)).toBe(pub);
  });

  it("generates pairs whose halves match and keys wg accepts", () => {
    const pair = generateWireguardKeyPair();
    expect(isWireguardKey(pair.privateKey)).toBe(true);
    expect(isWireguardKey(generatePresharedKey())).toBe(true);
    expect(wireguardPublicKeyOf(pair.privateKey)).toBe(pair.publicKey);
    const wg = spawnSync("wg", ["pubkey"], { input: pair.privateKey + "\n", encoding: "utf8" });
    expect(wg.error).toBeUndefined();
    expect(wg.stdout.trim()).toBe(pair.publicKey);
  });

  it("refuses text that is not 32 bytes of base64", () => {
    expect(isWireguardKey("not-a-key")).toBe(false);
    expect(isWireguardKey("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=")).toBe(false);
    expect(() => wireguardPublicKeyOf("abcd")).toThrow(/32 bytes/);
  });
});
