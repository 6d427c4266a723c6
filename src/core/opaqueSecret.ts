/**
 * A `secure:` value from a stack file is ciphertext only the Pulumi CLI can decrypt. Offline, it is
 * passed to the program as this marker + the ciphertext: still a secret, but its content is unknown,
 * so validation that needs the plaintext (does the key parse?) says it was skipped instead of failing.
 */
/** A secret as a parsed stack file holds it: a mapping with the one key `secure` and its ciphertext. */
export function isSecureValue(value: unknown): value is { secure: string } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === "secure" && typeof (value as { secure: unknown }).secure === "string";
}

export const OPAQUE_SECRET_PREFIX = "ha-hardened-host:opaque-secret:";

export function opaqueSecret(ciphertext: string): string {
  return OPAQUE_SECRET_PREFIX + ciphertext;
}

export function isOpaqueSecret(value: unknown): boolean {
  return typeof value === "string" && value.startsWith(OPAQUE_SECRET_PREFIX);
}
