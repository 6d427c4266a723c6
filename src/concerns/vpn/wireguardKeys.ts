import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from "crypto";

/** A WireGuard key as `wg` prints it: 32 bytes in base64 (44 characters, one `=`). */
export const WIREGUARD_KEY = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

export function isWireguardKey(value: string): boolean {
  return WIREGUARD_KEY.test(value.trim());
}

/** PKCS#8 DER prefix of an X25519 private key (RFC 8410): the 32 raw bytes follow. */
const X25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b656e04220420", "hex");

/** The public key of a WireGuard private key (`wg pubkey`), from Node's X25519. */
export function wireguardPublicKeyOf(privateKey: string): string {
  const raw = Buffer.from(privateKey.trim(), "base64");
  if (raw.length !== 32) throw new Error("a WireGuard private key is 32 bytes in base64");
  const key = createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, raw]), format: "der", type: "pkcs8" });
  const spki = createPublicKey(key).export({ format: "der", type: "spki" });
  return spki.subarray(spki.length - 32).toString("base64");
}

/** A new WireGuard key pair (`wg genkey | wg pubkey`), from Node's crypto. */
export function generateWireguardKeyPair(): { privateKey: string; publicKey: string } {
  const jwk = generateKeyPairSync("x25519").privateKey.export({ format: "jwk" });
  const privateKey = Buffer.from(jwk.d!, "base64url").toString("base64");
  return { privateKey, publicKey: Buffer.from(jwk.x!, "base64url").toString("base64") };
}

/** A new preshared key (`wg genpsk`): 32 random bytes. */
export function generatePresharedKey(): string {
  return randomBytes(32).toString("base64");
}
