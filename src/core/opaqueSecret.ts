/**
 * A `secure:` value from a stack file is ciphertext only the Pulumi CLI can decrypt. Offline, it is
 * passed to the program as this marker + the ciphertext: still a secret, but its content is unknown,
 * so validation that needs the plaintext (does the key parse?) says it was skipped instead of failing.
 */
export const OPAQUE_SECRET_PREFIX = "ha-hardened-host:opaque-secret:";

export function opaqueSecret(ciphertext: string): string {
  return OPAQUE_SECRET_PREFIX + ciphertext;
}

export function isOpaqueSecret(value: unknown): boolean {
  return typeof value === "string" && value.startsWith(OPAQUE_SECRET_PREFIX);
}
