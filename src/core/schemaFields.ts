import { z } from "zod";
import { checkPrivateKey, checkPublicKeyLine, MIN_RSA_BITS, PrivateKeyRule } from "./keyMaterial";
import { isOpaqueSecret } from "./opaqueSecret";

/**
 * The field builders every concern's config slice uses. Each field carries `meta` for the generated reference
 * (docs/configuration.md): `description`, `secret` when it must be set with `--secret`, and `defaultReason`.
 */
export type Doc = { description: string; secret?: boolean; defaultReason?: string; example?: string; defaultShown?: string };
export const doc = <T extends z.ZodType>(schema: T, meta: Doc): T => schema.meta(meta) as T;

export const show = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : String(v));

export const HOST_NAME = /^[a-z][a-z0-9-]{0,30}$/;
/** Debian's NAME_REGEX (adduser.conf), at most 32 characters (useradd's limit). */
export const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

export const port = (what: string) =>
  z.number({ error: (iss) => `must be a port number (1-65535), not ${show(iss.input)}` }).int({ error: (iss) => `must be a whole port number, not ${show(iss.input)}` })
    .min(1, { error: (iss) => `must be a port number between 1 and 65535 for ${what}, not ${show(iss.input)}` })
    .max(65535, { error: (iss) => `must be a port number between 1 and 65535 for ${what}, not ${show(iss.input)}` });

export const userName = z.string({ error: "must be a user name (text)" }).regex(USER_NAME, {
  error: (iss) => `must be a user name of lowercase letters, digits, - and _ (at most 32, starting with a letter), not ${show(iss.input)}`,
});

/** A secret private key: plaintext from the Pulumi CLI, or an opaque `secure:` value offline (content not checkable). */
export const privateKey = (rule: PrivateKeyRule) =>
  z.string({ error: "must be an OpenSSH private key set with `pulumi config set --secret --path`" }).superRefine((value, ctx) => {
    if (isOpaqueSecret(value)) return; // ciphertext only the CLI can decrypt: content checks are skipped
    const r = checkPrivateKey(value, rule);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
  });

export const publicKeyLine = (purpose: "login" | "bootstrap-host") =>
  z.string({ error: "must be a public key line (`type base64 [comment]`)" }).superRefine((value, ctx) => {
    if (isOpaqueSecret(value)) return; // stored as a secret (e.g. the lab's override): content checked by the CLI run
    const r = checkPublicKeyLine(value, purpose);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
  });

export const ED25519_ONLY: PrivateKeyRule = { kinds: ["ed25519"], minRsaBits: MIN_RSA_BITS };
export const RSA_ONLY: PrivateKeyRule = { kinds: ["rsa"], minRsaBits: MIN_RSA_BITS };
export const LOGIN_KEY: PrivateKeyRule = { kinds: ["ed25519", "rsa"], minRsaBits: MIN_RSA_BITS };
/** The bootstrap key is used only before hardening, so an older RSA 2048 image key still works. */
export const BOOTSTRAP_KEY: PrivateKeyRule = { kinds: ["ed25519", "rsa"], minRsaBits: 2048 };

