import { z } from "zod";
import { isOpaqueSecret } from "../core/opaqueSecret";
import { ConfigError, ConfigProblem } from "../core/configError";
import { configKey } from "../core/configKey";
import { ConfigSource } from "../core/configSource";
import { HOST_DEFAULTS } from "../core/defaults";
import { excerpt, keyBlobOf, publicKeyOf } from "../core/keyMaterial";
import { OS_TABLE, OsId } from "../core/osTable";
import { HostConfig, hostSchema, stackConfigSchema } from "./schema";
import { sshdLockoutProblems } from "../concerns/ssh/sshdLockout";
import { vpnConfigProblems } from "../concerns/vpn/vpnConfigProblems";
import { concernParts } from "../concerns/registry";
import { HA_SERVICE_USER } from "../concerns/accounts/serviceUserRules";

/** The validated stack config, with defaults applied. */
export interface StackConfig {
  hosts: HostConfig[];
  /** Config paths whose secret was opaque (offline `secure:` value): their content was not checked. */
  uncheckedSecrets: string[];
}

const KNOWN_KEYS = Object.keys(stackConfigSchema.shape);
/** Names the admin may not have: root is refused by the checklist, homeassistant is the service user. */
const RESERVED_ADMIN_NAMES = ["root", HA_SERVICE_USER];

/** Turns a zod issue into problems, in the project's message style. */
function problemsOf(issue: z.core.$ZodIssue, base: (string | number)[]): ConfigProblem[] {
  const path = [...base, ...(issue.path as (string | number)[])];
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) => ({ key: configKey([...path, k]), message: "is not a known setting (check its spelling and place; see docs/configuration.md)" }));
  }
  let message = issue.message;
  if (message.startsWith("Invalid input")) {
    // zod's generic text: say it in the project's words.
    message = issue.code === "invalid_type" ? `must be ${issue.expected === "object" ? "a mapping" : `a ${issue.expected}`}` : "has an invalid value";
  }
  if (issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined) {
    message = `is missing, and ${message}`;
  }
  return [{ key: configKey(path), message }];
}

const SECRET_PATHS: readonly (string | number)[][] = [["bootstrap", "privateKey"], ["automationKey"], ["hostKeys", "ed25519"], ["hostKeys", "rsa"]];

/** Each concern's `secretPaths.ts`: the secrets it adds to a raw host entry (the WireGuard keys, Home Assistant's owner password and secrets). */
const SECRET_PATH_FINDERS = concernParts<(host: unknown) => (string | number)[][]>("secretPaths", "secretPaths").map((c) => c.value);
const concernSecretPaths = (h: unknown): (string | number)[][] => SECRET_PATH_FINDERS.flatMap((find) => find(h));
/** Every secret a raw host entry holds: the SSH identity and the concerns' secrets. */
const secretPathsOf = (h: unknown): (string | number)[][] => [...SECRET_PATHS, ...concernSecretPaths(h)];

/**
 * Checks that span fields, on the RAW host entry so they run even when other fields are wrong
 * (every problem at once): reserved names, plaintext secrets, sshd settings that would lock the admin out.
 */
function hostCrossProblems(h: any, i: number, hostsSecret: boolean): ConfigProblem[] {
  const at = (...p: (string | number)[]) => configKey(["hosts", i, ...p]);
  const problems: ConfigProblem[] = [];
  if (h === null || typeof h !== "object") return problems;
  const adminUser: unknown = h.admin?.user;
  if (typeof adminUser === "string" && RESERVED_ADMIN_NAMES.includes(adminUser)) {
    problems.push({ key: at("admin", "user"), message: `must not be ${adminUser}: the admin is a separate non-root account with sudo` });
  }
  if (h.bootstrap?.user === HA_SERVICE_USER) {
    problems.push({ key: at("bootstrap", "user"), message: `must not be ${HA_SERVICE_USER}: that account gets no login` });
  }
  // Read offline from the stack file every secure: value is opaque, so a concern's secret that is not was written in plain text.
  const offline = secretPathsOf(h).some((p) => isOpaqueSecret(p.reduce<any>((o, k) => o?.[k], h)));
  const plainChecked = [...(hostsSecret ? [] : SECRET_PATHS), ...(!hostsSecret || offline ? concernSecretPaths(h) : [])];
  for (const p of plainChecked) {
    const value = p.reduce<any>((o, k) => o?.[k], h);
    if (typeof value === "string" && !isOpaqueSecret(value)) {
      problems.push({ key: at(...p), message: "must be stored as a secret (`pulumi config set --secret --path ...`), not in plain text" });
    }
  }
  for (const [pub, priv] of [[["hostKeys", "ed25519Public"], ["hostKeys", "ed25519"]], [["automationPublicKey"], ["automationKey"]]]) {
    const publicLine: unknown = pub.reduce<any>((o, k) => o?.[k], h);
    const privateText: unknown = priv.reduce<any>((o, k) => o?.[k], h);
    if (typeof publicLine !== "string" || typeof privateText !== "string" || isOpaqueSecret(privateText)) continue;
    let derived: string | undefined;
    try {
      derived = publicKeyOf(privateText);
    } catch {
      continue; // the private key's own check reports it
    }
    if (keyBlobOf(publicLine) !== derived) {
      problems.push({ key: at(...pub), message: `must be the public half of ${priv.join(".")}, but it is another key (${excerpt(publicLine)})` });
    }
  }
  const edPublic: unknown = h.hostKeys?.ed25519Public;
  if (typeof edPublic === "string" && !edPublic.trim().startsWith("ssh-ed25519 ")) {
    problems.push({ key: at("hostKeys", "ed25519Public"), message: `must be an ssh-ed25519 public key, not ${excerpt(edPublic)}` });
  }
  const extra: unknown = h.sshd?.extraSettings;
  if (typeof adminUser === "string" && extra !== null && typeof extra === "object" && !Array.isArray(extra)) {
    const os = OS_TABLE[(h.os as OsId) in OS_TABLE ? (h.os as OsId) : (HOST_DEFAULTS.os.value as OsId)];
    const asText = Object.fromEntries(Object.entries(extra as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    for (const p of sshdLockoutProblems(asText, { adminUser, sudoGroup: os.sudoGroup })) {
      problems.push({ key: at("sshd", "extraSettings", p.directive), message: p.message });
    }
  }
  for (const p of vpnConfigProblems(h)) problems.push({ key: at(...p.path), message: p.message });
  return problems;
}

/**
 * Reads and validates the stack config. Throws ConfigError listing every problem (one per line, each naming
 * its key); never echoes a secret. Call it before registering any resource.
 */
export function loadStackConfig(source: ConfigSource): StackConfig {
  const problems: ConfigProblem[] = [];
  for (const key of source.keys()) {
    if (!KNOWN_KEYS.includes(key)) {
      problems.push({ key: configKey([key]), message: `is not a known setting; the known ones are ${KNOWN_KEYS.join(", ")}` });
    }
  }
  const raw = source.get("hosts");
  if (raw === undefined) {
    problems.push({ key: configKey(["hosts"]), message: "is missing: list at least one host (see stacks/Pulumi.example.yaml)" });
    throw new ConfigError(problems);
  }
  let hostsValue: unknown;
  try {
    hostsValue = JSON.parse(raw);
  } catch {
    hostsValue = raw; // a plain string: the schema says what it should be
  }
  const hostsSecret = source.isSecret("hosts");
  const top = stackConfigSchema.shape.hosts.safeParse(hostsValue, { reportInput: true });
  const hosts: HostConfig[] = [];
  if (!Array.isArray(hostsValue)) {
    for (const issue of top.error?.issues ?? []) problems.push(...problemsOf(issue, ["hosts"]));
  } else {
    if (hostsValue.length === 0) problems.push({ key: configKey(["hosts"]), message: "must list at least one host" });
    const seen = new Map<string, number>();
    hostsValue.forEach((h, i) => {
      const r = hostSchema.safeParse(h, { reportInput: true });
      if (!r.success) {
        for (const issue of r.error.issues) problems.push(...problemsOf(issue, ["hosts", i]));
      } else {
        hosts.push(r.data);
      }
      problems.push(...hostCrossProblems(h, i, hostsSecret));
      const name = (h as { name?: unknown } | null)?.name;
      if (typeof name === "string") {
        const first = seen.get(name);
        if (first !== undefined) {
          problems.push({ key: configKey(["hosts", i, "name"]), message: `must be unique, but ${JSON.stringify(name)} is also hosts[${first}].name` });
        } else seen.set(name, i);
      }
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const uncheckedSecrets: string[] = [];
  hosts.forEach((host, i) => {
    for (const p of [...secretPathsOf(host), ["bootstrap", "hostKey"]]) {
      const value = p.reduce<any>((o, k) => o?.[k], host);
      if (isOpaqueSecret(value)) uncheckedSecrets.push(configKey(["hosts", i, ...p]));
    }
  });
  return { hosts, uncheckedSecrets };
}
