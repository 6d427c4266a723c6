import { createHash } from "crypto";
import { SECRET_SIG_KEY, SECRET_SIG_VALUE, UNKNOWN_SENTINEL } from "../../preview/capturedResource";

/**
 * Inputs in engine wire form, turned into what the lab's apply needs: plaintext (only in memory, to run a
 * command), and a stored form for the state file where every secret is replaced by a salted hash.
 */
export const SECRET_HASH_KEY = "$secretSha256";

/** Fields of a secret object that hold credentials (privateKey, password, privateKeyPassword, tokens). */
const CREDENTIAL_KEY = /key|password|secret|token|stdin/i;

export interface StoredSecret {
  [SECRET_HASH_KEY]: string;
}

export function isSecretWire(v: unknown): v is { value: unknown } {
  return v !== null && typeof v === "object" && (v as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG_VALUE;
}

export function isStoredSecret(v: unknown): v is StoredSecret {
  return v !== null && typeof v === "object" && typeof (v as Record<string, unknown>)[SECRET_HASH_KEY] === "string";
}

/** JSON with sorted object keys: equal values always give equal text. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return "[" + v.map(canonicalJson).join(",") + "]";
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return "{" + Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => JSON.stringify(k) + ":" + canonicalJson(o[k])).join(",") + "}";
  }
  return JSON.stringify(v ?? null);
}

/** Plaintext of a wire value: secrets unwrapped (nested ones too). */
export function unwrapSecrets(v: unknown): unknown {
  if (isSecretWire(v)) return unwrapSecrets(v.value);
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, unwrapSecrets(x)]));
  }
  return v;
}

/** True when the value (at any depth) holds the engine's unknown sentinel. */
export function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN_SENTINEL) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v !== null && typeof v === "object") return Object.values(v as Record<string, unknown>).some(containsUnknown);
  return false;
}

export function secretHash(salt: string, plaintext: unknown): string {
  return createHash("sha256").update(salt).update("\0").update(canonicalJson(plaintext)).digest("hex");
}

/**
 * Secrets known in this run, by salted hash, so a stored value (an ignored input, or the old inputs a delete
 * runs with) can be turned back into plaintext without the state file ever holding it.
 */
export class SecretVault {
  private readonly byHash = new Map<string, unknown>();
  constructor(readonly salt: string) {}

  /** Remembers every secret found in a wire value. */
  addWire(v: unknown): void {
    if (isSecretWire(v)) {
      const plain = unwrapSecrets(v.value);
      this.byHash.set(secretHash(this.salt, plain), plain);
      this.addWire(v.value);
      return;
    }
    if (Array.isArray(v)) v.forEach((x) => this.addWire(x));
    else if (v !== null && typeof v === "object") Object.values(v as Record<string, unknown>).forEach((x) => this.addWire(x));
  }

  /**
   * Secret strings to scrub from text before it is shown: secret text values, and inside a secret object (the
   * SDK marks the whole `connection` secret) only the credential fields, so host names and users stay readable.
   */
  secretStrings(): string[] {
    const out = new Set<string>();
    const walk = (x: unknown, credential: boolean): void => {
      if (typeof x === "string") {
        if (credential) out.add(x);
      } else if (Array.isArray(x)) x.forEach((v) => walk(v, credential));
      else if (x !== null && typeof x === "object") {
        for (const [k, v] of Object.entries(x as Record<string, unknown>)) walk(v, credential || CREDENTIAL_KEY.test(k));
      }
    };
    this.byHash.forEach((v) => walk(v, typeof v === "string"));
    return [...out];
  }

  /** Stored form: every secret replaced by its salted hash. */
  store(v: unknown): unknown {
    if (isSecretWire(v)) return { [SECRET_HASH_KEY]: secretHash(this.salt, unwrapSecrets(v.value)) };
    if (Array.isArray(v)) return v.map((x) => this.store(x));
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, this.store(x)]));
    }
    return v;
  }

  /** Plaintext of a stored value; throws UnresolvedSecretError when a secret is not known in this run. */
  resolve(v: unknown, where: string): unknown {
    if (isStoredSecret(v)) {
      const h = v[SECRET_HASH_KEY];
      if (!this.byHash.has(h)) throw new UnresolvedSecretError(where);
      return this.byHash.get(h);
    }
    if (Array.isArray(v)) return v.map((x, i) => this.resolve(x, `${where}[${i}]`));
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, this.resolve(x, `${where}.${k}`)]));
    }
    return v;
  }
}

export class UnresolvedSecretError extends Error {
  constructor(readonly where: string) {
    super(`${where} was a secret in the previous apply and no secret of this run matches it (the state keeps only its hash)`);
    this.name = "UnresolvedSecretError";
  }
}
