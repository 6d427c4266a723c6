import * as YAML from "yaml";
import { parseCidr } from "../../core/cidr";

/** Keys whose values are credentials wherever they appear in Home Assistant's YAML. */
const CREDENTIAL_KEY = /(^|_)(password|passwd|token|api_key|apikey|secret|client_secret|private_key|pin|passphrase|webhook_id)$/i;

/** Home Assistant's YAML tags, read as plain markers (`!secret name` becomes "!secret name"). */
const HA_TAGS = ["secret", "include", "include_dir_named", "include_dir_list", "include_dir_merge_named", "include_dir_merge_list", "env_var", "input"].map((t) => ({
  tag: `!${t}`,
  resolve: (value: string) => `!${t} ${value}`,
}));

export function parseHaYaml(text: string): unknown {
  return YAML.parse(text, { customTags: HA_TAGS as YAML.Tags });
}

/** Every value under a credential-like key that is not a `!secret` reference: one sentence each. */
export function plaintextCredentialFindings(subject: string, text: string): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, [...path, String(i)]));
    if (node === null || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (CREDENTIAL_KEY.test(k) && v !== null && typeof v !== "object" && !(typeof v === "string" && v.startsWith("!secret "))) {
        out.push(`${subject} must refer to ${[...path, k].join(".")} with !secret, not hold the value itself.`);
      }
      walk(v, [...path, k]);
    }
  };
  walk(parseHaYaml(text), []);
  return out;
}

/** Auth providers that keep the password: the homeassistant provider on, trusted networks without bypass beyond one host. */
export function authProviderFindings(subject: string, text: string): string[] {
  const providers = (parseHaYaml(text) as any)?.homeassistant?.auth_providers;
  if (providers === undefined) return [];
  const list: any[] = Array.isArray(providers) ? providers : [];
  const out: string[] = [];
  if (!list.some((p) => p?.type === "homeassistant")) out.push(`${subject} must keep the homeassistant (password) auth provider, not only ${list.map((p) => p?.type).join(", ") || "none"}.`);
  for (const p of list.filter((x) => x?.type === "trusted_networks")) {
    const nets: string[] = Array.isArray(p.trusted_networks) ? p.trusted_networks.map(String) : [String(p.trusted_networks)];
    if (p.allow_bypass_login !== true) continue;
    for (const n of nets) {
      const c = parseCidr(n.includes("/") ? n : `${n}/${n.includes(":") ? 128 : 32}`);
      if (!c || c.prefix !== (c.family === 4 ? 32 : 128)) out.push(`${subject} must not let ${n} skip the login (allow_bypass_login) unless it is a single host.`);
    }
  }
  return out;
}

const LOOPBACK = (h: string) => h === "127.0.0.1" || h === "::1" || h === "localhost";

/** The first-start package must bind Home Assistant to the host itself only, so nobody can claim it first. */
export function firstStartFindings(subject: string, text: string): string[] {
  const http = (parseHaYaml(text) as any)?.http ?? {};
  // Home Assistant refuses the one without the other, and then starts in recovery mode on every address.
  if (("use_x_forwarded_for" in http) !== ("trusted_proxies" in http)) {
    return [`${subject} must set use_x_forwarded_for and trusted_proxies together or neither: Home Assistant refuses one alone and starts in recovery mode on every address.`];
  }
  const hosts = http.server_host;
  const list: string[] = hosts === undefined ? [] : (Array.isArray(hosts) ? hosts : [hosts]).map(String);
  if (list.length === 0) return [`${subject} must bind Home Assistant to the host itself (http.server_host 127.0.0.1) until the owner exists; it binds every address.`];
  const open = list.filter((h) => !LOOPBACK(h));
  return open.length ? [`${subject} must bind Home Assistant only to the host itself until the owner exists, not ${open.join(", ")}.`] : [];
}

/** Home Assistant's own bans on, with a threshold: the http settings a step applies. */
export function loginBanFindings(subject: string, http: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (http.ip_ban_enabled !== true) out.push(`${subject} must turn ip_ban_enabled on, not ${String(http.ip_ban_enabled)}.`);
  const t = http.login_attempts_threshold;
  if (typeof t !== "number" || t < 1) out.push(`${subject} must ban after a number of failed logins (login_attempts_threshold 1 or more), not ${String(t)}.`);
  return out;
}
