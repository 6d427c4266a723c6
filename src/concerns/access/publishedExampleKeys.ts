import * as YAML from "yaml";
import { ConfigProblem } from "../../core/configError";
import { configKey } from "../../core/configKey";
import type { HostConfig } from "../../config/schema";
import { keyBlobOf } from "../../core/keyMaterial";

/** `type base64` of every public key a stack file's text contains (comments and names dropped). */
export function publishedExampleKeys(exampleText: string): Set<string> {
  const keys = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      const m = /^((?:ssh|ecdsa|sk)-\S+) (AAAA[A-Za-z0-9+/=]+)/.exec(v.trim());
      if (m) keys.add(`${m[1]} ${m[2]}`);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(YAML.parse(exampleText));
  return keys;
}

/**
 * The example stack's keys are published with the project, so whoever reads it could hold their private halves:
 * a host must never trust them (an admin key) or be pinned to them (its identity). Checked before an `up`.
 */
export function publishedKeyProblems(hosts: readonly HostConfig[], published: ReadonlySet<string>): ConfigProblem[] {
  const isPublished = (line: string | undefined): boolean => line !== undefined && published.has(keyBlobOf(line));
  const problems: ConfigProblem[] = [];
  const fix = "it is the example stack's published key: use your own (npm run identity generates the host's)";
  hosts.forEach((h, i) => {
    h.admin.authorizedKeys.forEach((k, j) => {
      if (isPublished(k)) problems.push({ key: configKey(["hosts", i, "admin", "authorizedKeys", j]), message: `must not be used: ${fix}` });
    });
    if (isPublished(h.bootstrap.hostKey)) problems.push({ key: configKey(["hosts", i, "bootstrap", "hostKey"]), message: `must not be used: ${fix.replace("npm run identity generates the host's", "ssh-keyscan -t ed25519 reads your box's")}` });
    if (isPublished(h.hostKeys.ed25519Public)) problems.push({ key: configKey(["hosts", i, "hostKeys", "ed25519Public"]), message: `must not be used: ${fix}` });
    if (isPublished(h.automationPublicKey)) problems.push({ key: configKey(["hosts", i, "automationPublicKey"]), message: `must not be used: ${fix}` });
  });
  return problems;
}
