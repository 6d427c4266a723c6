import * as sshpk from "sshpk";

/** RSA keys shorter than this are refused (OpenSSH RequiredRSASize; ssh-audit: 3072). */
export const MIN_RSA_BITS = 3072;

/** Key types the hardened sshd accepts for logins and host keys (ECDSA and DSA are refused: algorithms.ts). */
export type KeyKind = "ed25519" | "rsa";

export interface PrivateKeyRule {
  /** Types accepted for this key. */
  kinds: readonly KeyKind[];
  /** Smallest RSA size accepted. */
  minRsaBits: number;
}

export type KeyCheck = { ok: true; type: string; bits: number } | { ok: false; message: string };

/**
 * Checks an OpenSSH private key WITHOUT ever echoing it: messages describe the problem, never the value.
 */
export function checkPrivateKey(text: string, rule: PrivateKeyRule): KeyCheck {
  if (!text.includes("PRIVATE KEY")) {
    return { ok: false, message: "must be an OpenSSH private key (`-----BEGIN OPENSSH PRIVATE KEY-----`), not a public key or a file path" };
  }
  let key: sshpk.PrivateKey;
  try {
    key = sshpk.parsePrivateKey(text, "auto");
  } catch (e) {
    if ((e as Error).name === "KeyEncryptedError") {
      return { ok: false, message: "must not be protected by a passphrase, because Pulumi logs in without one; keep it secret in config instead" };
    }
    return { ok: false, message: "must be a complete OpenSSH private key, but it does not parse (check it was pasted whole, with its line breaks)" };
  }
  return checkKind(key.type, key.size, rule, "private key");
}

const KIND_NAMES: Record<string, string> = { ed25519: "Ed25519", rsa: "RSA", ecdsa: "ECDSA", dsa: "DSA" };

function checkKind(type: string, bits: number, rule: PrivateKeyRule, what: string): KeyCheck {
  if (!(rule.kinds as readonly string[]).includes(type)) {
    return { ok: false, message: `must be an ${rule.kinds.map((k) => KIND_NAMES[k]).join(" or ")} ${what}, not ${KIND_NAMES[type] ?? type}` };
  }
  if (type === "rsa" && bits < rule.minRsaBits) {
    return { ok: false, message: `must be an RSA ${what} of at least ${rule.minRsaBits} bits, not ${bits}` };
  }
  return { ok: true, type, bits };
}

/** The authorized_keys-format public half (`type base64`, no comment) of an OpenSSH private key. */
/** The `type base64` of an authorized_keys line, its comment dropped: how two key lines are compared. */
export function keyBlobOf(line: string): string {
  return line.trim().split(/\s+/).slice(0, 2).join(" ");
}

export function publicKeyOf(privateKeyText: string): string {
  const pub = sshpk.parsePrivateKey(privateKeyText, "auto").toPublic().toString("ssh");
  return keyBlobOf(pub);
}

/** SHA256 fingerprint (`SHA256:…`, as `ssh-keygen -l` prints it) of a public key line or private key. */
export function fingerprintOf(keyText: string): string {
  const key = keyText.includes("PRIVATE KEY") ? sshpk.parsePrivateKey(keyText, "auto") : sshpk.parseKey(keyText, "ssh");
  return key.fingerprint("sha256").toString();
}

/** Public key types that may log in to, or identify, the hardened sshd (security keys included). */
const LOGIN_KEY_TYPES: Record<string, KeyKind | "sk-ed25519"> = {
  "ssh-ed25519": "ed25519",
  "ssh-rsa": "rsa",
  "sk-ssh-ed25519@openssh.com": "sk-ed25519",
};

/**
 * Host key types a freshly imaged box may present before hardening. Not ssh-rsa: @pulumi/command 1.2.1 offers
 * only the pinned key's own algorithm, and for RSA that is SHA-1 `ssh-rsa`, which OpenSSH >= 8.8 refuses.
 */
const BOOTSTRAP_HOST_KEY_TYPES = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"];

/** A short, safe excerpt of a public value for messages (never the whole key). */
export function excerpt(value: string): string {
  if (value.includes("PRIVATE KEY")) return "(a private key)";
  const one = value.replace(/\s+/g, " ").trim();
  return JSON.stringify(one.length > 24 ? one.slice(0, 24) + "…" : one);
}

/**
 * Checks one authorized_keys line (`type base64 [comment]`, no options) a user logs in with.
 * `purpose: "login"` accepts what the hardened sshd accepts; `"bootstrap-host"` what a fresh box may present.
 */
export function checkPublicKeyLine(line: string, purpose: "login" | "bootstrap-host"): KeyCheck {
  if (line.includes("PRIVATE KEY")) {
    return { ok: false, message: "must be a public key, but a private key was given: remove it from this plain value and rotate it" };
  }
  if (/[\r\n]/.test(line)) return { ok: false, message: "must be one line (`type base64 [comment]`), but contains a line break" };
  const fields = line.trim().split(/\s+/);
  const type = fields[0] ?? "";
  const allowed = purpose === "login" ? Object.keys(LOGIN_KEY_TYPES) : BOOTSTRAP_HOST_KEY_TYPES;
  if (!allowed.includes(type)) {
    const why =
      purpose === "login"
        ? " (the hardened sshd accepts only Ed25519, security-key Ed25519 and RSA >= 3072)"
        : " (an RSA host key would be checked with SHA-1 ssh-rsa, which OpenSSH refuses; get the Ed25519 one with `ssh-keyscan -t ed25519 HOST`)";
    return { ok: false, message: `must be an authorized_keys line starting with one of ${allowed.join(", ")}${why}, not ${excerpt(line)}` };
  }
  if (fields.length < 2 || !/^[A-Za-z0-9+/]+={0,2}$/.test(fields[1])) {
    return { ok: false, message: `must be \`${type} <base64> [comment]\`, but the key data is missing or not base64 in ${excerpt(line)}` };
  }
  if (type.startsWith("sk-")) return { ok: true, type: "sk-ed25519", bits: 256 }; // sshpk cannot parse sk keys
  let key: sshpk.Key;
  try {
    key = sshpk.parseKey(`${fields[0]} ${fields[1]}`, "ssh");
  } catch {
    return { ok: false, message: `must be a valid ${type} public key, but its key data does not parse in ${excerpt(line)}` };
  }
  if (purpose === "bootstrap-host") return { ok: true, type: key.type, bits: key.size };
  return checkKind(key.type, key.size, { kinds: ["ed25519", "rsa"], minRsaBits: MIN_RSA_BITS }, "public key");
}
