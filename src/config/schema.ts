import { z } from "zod";
import { MIN_RSA_BITS } from "../concerns/ssh/algorithms";
import { isOpaqueSecret } from "../core/opaqueSecret";
import { CONFIG_DEFAULTS } from "../core/defaults";
import { checkPrivateKey, checkPublicKeyLine, PrivateKeyRule } from "../core/keyMaterial";
import { cidrProblem, isHostAddress } from "./network";
import { OS_IDS } from "../core/osTable";

/**
 * The stack config schema. Each field carries `meta` for the generated reference (docs/configuration.md):
 * `description`, `secret` when it must be set with `--secret`, and `defaultReason` from CONFIG_DEFAULTS.
 */
type Doc = { description: string; secret?: boolean; defaultReason?: string; example?: string; defaultShown?: string };
const doc = <T extends z.ZodType>(schema: T, meta: Doc): T => schema.meta(meta) as T;

const show = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : String(v));

const HOST_NAME = /^[a-z][a-z0-9-]{0,30}$/;
/** Debian's NAME_REGEX (adduser.conf), at most 32 characters (useradd's limit). */
const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

const port = (what: string) =>
  z.number({ error: (iss) => `must be a port number (1-65535), not ${show(iss.input)}` }).int({ error: (iss) => `must be a whole port number, not ${show(iss.input)}` })
    .min(1, { error: (iss) => `must be a port number between 1 and 65535 for ${what}, not ${show(iss.input)}` })
    .max(65535, { error: (iss) => `must be a port number between 1 and 65535 for ${what}, not ${show(iss.input)}` });

const userName = z.string({ error: "must be a user name (text)" }).regex(USER_NAME, {
  error: (iss) => `must be a user name of lowercase letters, digits, - and _ (at most 32, starting with a letter), not ${show(iss.input)}`,
});

/** A secret private key: plaintext from the Pulumi CLI, or an opaque `secure:` value offline (content not checkable). */
const privateKey = (rule: PrivateKeyRule) =>
  z.string({ error: "must be an OpenSSH private key set with `pulumi config set --secret --path`" }).superRefine((value, ctx) => {
    if (isOpaqueSecret(value)) return; // ciphertext only the CLI can decrypt: content checks are skipped
    const r = checkPrivateKey(value, rule);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
  });

const publicKeyLine = (purpose: "login" | "bootstrap-host") =>
  z.string({ error: "must be a public key line (`type base64 [comment]`)" }).superRefine((value, ctx) => {
    if (isOpaqueSecret(value)) return; // stored as a secret (e.g. the lab's override): content checked by the CLI run
    const r = checkPublicKeyLine(value, purpose);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
  });

const ED25519_ONLY: PrivateKeyRule = { kinds: ["ed25519"], minRsaBits: MIN_RSA_BITS };
const RSA_ONLY: PrivateKeyRule = { kinds: ["rsa"], minRsaBits: MIN_RSA_BITS };
const LOGIN_KEY: PrivateKeyRule = { kinds: ["ed25519", "rsa"], minRsaBits: MIN_RSA_BITS };
/** The bootstrap key is used only before hardening, so an older RSA 2048 image key still works. */
const BOOTSTRAP_KEY: PrivateKeyRule = { kinds: ["ed25519", "rsa"], minRsaBits: 2048 };

export const bootstrapSchema = z.strictObject({
  user: doc(userName.default(CONFIG_DEFAULTS.bootstrapUser.value), {
    description: "User the fresh box is reached as the first time; non-root users escalate with `sudo -n`.",
    defaultReason: CONFIG_DEFAULTS.bootstrapUser.reason,
  }),
  privateKey: doc(privateKey(BOOTSTRAP_KEY), {
    description: "OpenSSH private key of the bootstrap login (Ed25519, or RSA >= 2048 since it is used only before hardening).",
    secret: true,
  }),
  hostKey: doc(publicKeyLine("bootstrap-host"), {
    description: "The fresh box's current Ed25519 (or ECDSA) SSH host public key in authorized_keys format, e.g. from `ssh-keyscan -t ed25519 HOST`; the bootstrap connection is pinned to it.",
    example: "ssh-ed25519 AAAA…",
  }),
  port: doc(port("bootstrap.port").optional(), {
    description: "Port the fresh box's sshd listens on.",
    defaultShown: "sshPort",
  }),
});

export const hostSchema = z.strictObject({
  name: doc(
    z.string({ error: "must be a host name (text)" }).regex(HOST_NAME, {
      error: (iss) => `must be 1-31 lowercase letters, digits and hyphens starting with a letter, not ${show(iss.input)}`,
    }),
    { description: "Short name of the host; used in resource names (`<name>-<step>`).", example: "ha-pi" },
  ),
  address: doc(
    z.string({ error: "must be an IPv4/IPv6 address or DNS name" }).refine(isHostAddress, {
      error: (iss) => `must be an IPv4/IPv6 address or a DNS name, not ${show(iss.input)}`,
    }),
    { description: "Where the host is reached: an IPv4/IPv6 literal or a DNS name.", example: "192.168.1.20" },
  ),
  sshPort: doc(port("sshPort").default(CONFIG_DEFAULTS.sshPort.value), {
    description: "Port sshd listens on after hardening (written as `Port` in the drop-in).",
    defaultReason: CONFIG_DEFAULTS.sshPort.reason,
  }),
  os: doc(
    z.enum(OS_IDS, { error: (iss) => `must be one of ${OS_IDS.join(", ")}, not ${show(iss.input)}` }).default(CONFIG_DEFAULTS.os.value as (typeof OS_IDS)[number]),
    { description: "Operating system (per-OS table: ssh service, nologin path, sudo group).", defaultReason: CONFIG_DEFAULTS.os.reason },
  ),
  generation: doc(
    z.number({ error: (iss) => `must be a whole number >= 1, not ${show(iss.input)}` }).int({ error: (iss) => `must be a whole number >= 1, not ${show(iss.input)}` })
      .min(1, { error: (iss) => `must be a whole number >= 1, not ${show(iss.input)}` }).default(CONFIG_DEFAULTS.generation.value),
    { description: "Bump to replay every step (e.g. after moving the host to new hardware).", defaultReason: CONFIG_DEFAULTS.generation.reason },
  ),
  bootstrap: doc(bootstrapSchema, { description: "How a FRESH box is reached the first time." }),
  admin: doc(
    z.strictObject({
      user: doc(userName, { description: "Non-root admin account; gets passwordless sudo (it has no password).", example: "hhadmin" }),
      authorizedKeys: doc(
        z.array(publicKeyLine("login"), { error: "must be a list of public key lines" }).min(1, { error: "must have at least one key, or nobody can log in as the admin" }),
        { description: "Public keys (authorized_keys lines) allowed to log in as the admin; at least one. Ed25519, sk-Ed25519 or RSA >= 3072." },
      ),
    }),
    { description: "The admin account." },
  ),
  automationKey: doc(privateKey(LOGIN_KEY), {
    description: "OpenSSH private key Pulumi logs in with as the admin (Ed25519 or RSA >= 3072); its public half is added to the admin's keys. `npm run identity` generates it.",
    secret: true,
  }),
  automationPublicKey: doc(publicKeyLine("login").optional(), {
    description: "Optional plain copy of automationKey's public half (`npm run identity` writes it): must match the private key; lets the offline check see the admin's full key list.",
  }),
  hostKeys: doc(
    z.strictObject({
      ed25519: doc(privateKey(ED25519_ONLY), { description: "Ed25519 host private key; the admin connection is pinned to its public half.", secret: true }),
      rsa: doc(privateKey(RSA_ONLY), { description: "RSA host private key, >= 3072 bits (`npm run identity` makes 4096).", secret: true }),
      ed25519Public: doc(publicKeyLine("login").optional(), {
        description: "Optional plain copy of the Ed25519 host key's public half (`npm run identity` writes it): must match the private key; lets known_hosts and the offline check see the pinned key without decrypting.",
      }),
    }),
    { description: "The host's SSH identity, kept in config so a rebuilt box presents the same key. `npm run identity` generates missing ones." },
  ),
  lanCidrs: doc(
    z.array(
      z.string({ error: "must be a network in CIDR notation" }).superRefine((v, ctx) => {
        const p = cidrProblem(v);
        if (p) ctx.addIssue({ code: "custom", message: p });
      }),
      { error: "must be a list of networks in CIDR notation" },
    ).default(CONFIG_DEFAULTS.lanCidrs.value),
    { description: "Networks of the home LAN, e.g. 192.168.1.0/24.", defaultReason: CONFIG_DEFAULTS.lanCidrs.reason },
  ),
  sshd: doc(
    z.strictObject({
      allowTcpForwarding: doc(
        z.enum(["local", "no"], { error: (iss) => `must be local or no, not ${show(iss.input)}` }).default(CONFIG_DEFAULTS.allowTcpForwarding.value as "local"),
        { description: "`local` allows the SSH tunnel to the UI the checklist names; `no` forbids forwarding.", defaultReason: CONFIG_DEFAULTS.allowTcpForwarding.reason },
      ),
      extraSettings: doc(
        z.record(z.string(), z.union([z.string(), z.number()], { error: "must be a text or number value" }).transform(String), {
          error: "must be a mapping of sshd directive to value",
        }).default(CONFIG_DEFAULTS.extraSettings.value),
        {
          description: "sshd directive -> value; replaces the baseline's value of the same directive or is appended. Policies judge the result; settings that would lock the admin out are refused.",
          defaultReason: CONFIG_DEFAULTS.extraSettings.reason,
          defaultShown: "{}",
        },
      ),
    }).default({ allowTcpForwarding: "local", extraSettings: {} }),
    { description: "Optional sshd adjustments.", defaultShown: "the defaults of its keys" },
  ),
});

export const stackConfigSchema = z.strictObject({
  hosts: doc(z.array(hostSchema, { error: "must be a list of hosts" }).min(1, { error: "must list at least one host" }), {
    description: "The hosts to harden, one entry per host.",
  }),
});

export type HostConfig = z.output<typeof hostSchema>;
export type StackConfigValues = z.output<typeof stackConfigSchema>;
