import { generateKeyPairSync } from "crypto";
import * as sshpk from "sshpk";

export type GeneratedKind = "ed25519" | "rsa";

/** RSA size `npm run identity` generates: ssh-audit's guide uses 4096 for host keys (>= 3072 required). */
export const GENERATED_RSA_BITS = 4096;

export interface GeneratedKeyPair {
  /** OpenSSH private key text (`-----BEGIN OPENSSH PRIVATE KEY-----`), newline-terminated. */
  privateKey: string;
  /** authorized_keys line: `type base64 comment`. */
  publicKey: string;
}

/** A new key pair from Node's crypto, converted to OpenSSH format with sshpk. */
export function generateKeyPair(kind: GeneratedKind, comment: string, rsaBits: number = GENERATED_RSA_BITS): GeneratedKeyPair {
  const pem =
    kind === "ed25519"
      ? generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" })
      : generateKeyPairSync("rsa", { modulusLength: rsaBits }).privateKey.export({ type: "pkcs1", format: "pem" });
  const key = sshpk.parsePrivateKey(pem.toString(), "pem");
  key.comment = comment;
  const privateKey = key.toString("ssh-private");
  const publicKey = key.toPublic().toString("ssh");
  return { privateKey: privateKey.endsWith("\n") ? privateKey : privateKey + "\n", publicKey };
}
