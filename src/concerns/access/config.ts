import { z } from "zod";
import type { ConfigDefault } from "../../core/defaults";
import { BOOTSTRAP_KEY, doc, ED25519_ONLY, LOGIN_KEY, port, privateKey, publicKeyLine, RSA_ONLY, userName } from "../../core/schemaFields";

export const BOOTSTRAP_USER: ConfigDefault<string> = {
  value: "root",
  reason: "A fresh Debian image is reached as root with a key; Raspberry Pi OS images name their own user.",
};
export const DIAL_ERROR_LIMIT: ConfigDefault<number> = {
  value: 10,
  reason: "@pulumi/command's own default: about 2.5 minutes of retries while a box boots.",
};
export const BOOTSTRAP_DIAL_ERROR_LIMIT: ConfigDefault<number> = {
  value: 40,
  reason: "Retries (100 ms x1.5, at most 5 s apart: about 160 s) outlast the 120 s sshd rollback, so a re-run after an apply interrupted mid host-key switch waits for the rollback instead of failing.",
};

/** How a fresh box is reached the first time. */
export const bootstrapSchema = z.strictObject({
  user: doc(userName.default(BOOTSTRAP_USER.value), {
    description: "User the fresh box is reached as the first time; non-root users escalate with `sudo -n`.",
    defaultReason: BOOTSTRAP_USER.reason,
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

/** The access concern's slice of a host entry: the first login, the automation login and the host identity. */
export const hostFields = {
  bootstrap: doc(bootstrapSchema, { description: "How a FRESH box is reached the first time." }),
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
};
