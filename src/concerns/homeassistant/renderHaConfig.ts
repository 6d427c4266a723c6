import * as YAML from "yaml";
import type { HomeAssistantConfig } from "./config";
import { HA_GITIGNORE, HA_PATHS } from "./haPaths";

/** The lines that open and close the project's part of configuration.yaml; everything outside is the user's. */
export const MANAGED_BEGIN = "# BEGIN ha-hardened-host: managed by pulumi up; your own lines go outside this block";
export const MANAGED_END = "# END ha-hardened-host";

/** What configuration.yaml starts with when the config directory has none: Home Assistant's own default. */
export const STARTER_CONFIGURATION = ["default_config:", ""].join("\n");

/** The auth providers Home Assistant gets: the password provider always, trusted networks only when named. */
export function authProviders(ha: Pick<HomeAssistantConfig, "trustedNetworks">): Record<string, unknown>[] {
  const providers: Record<string, unknown>[] = [{ type: "homeassistant" }];
  if (ha.trustedNetworks.networks.length > 0) {
    providers.push({ type: "trusted_networks", trusted_networks: [...ha.trustedNetworks.networks], allow_bypass_login: ha.trustedNetworks.allowBypassLogin });
  }
  return providers;
}

/** The managed block of configuration.yaml: the package directory and the auth providers. */
export function renderManagedBlock(ha: Pick<HomeAssistantConfig, "trustedNetworks">): string {
  // The yaml library writes no custom tags; the placeholder becomes Home Assistant's include tag.
  const body = YAML.stringify({ homeassistant: { packages: "PACKAGES", auth_providers: authProviders(ha) } }).replace(
    "packages: PACKAGES",
    `packages: !include_dir_named ${HA_PATHS.packagesDir}`,
  );
  return `${MANAGED_BEGIN}\n${body}${MANAGED_END}\n`;
}

/** The http settings Home Assistant runs with, in its own storage's keys. */
export function httpSettings(ha: Pick<HomeAssistantConfig, "port" | "http">): Record<string, unknown> {
  // use_x_forwarded_for and trusted_proxies come together or not at all: Home Assistant refuses one without the
  // other, and a refused http config starts it in recovery mode, on every address.
  const proxied = ha.http.trustedProxies.length > 0;
  return {
    server_port: ha.port,
    ip_ban_enabled: ha.http.ipBanEnabled,
    login_attempts_threshold: ha.http.loginAttemptsThreshold,
    ...(proxied ? { use_x_forwarded_for: true, trusted_proxies: [...ha.http.trustedProxies] } : {}),
  };
}

/** Where Home Assistant listens until its owner exists: the host itself, so nobody on the LAN can claim it. */
export const FIRST_START_HOSTS = ["127.0.0.1"] as const;

/**
 * The package present only until the owner exists: Home Assistant imports it once into its http storage at
 * first start, bound to the host itself; the apply onboards through 127.0.0.1, then sets the real settings.
 */
export function renderFirstStartPackage(ha: Pick<HomeAssistantConfig, "port" | "http">): string {
  return YAML.stringify({ http: { server_host: [...FIRST_START_HOSTS], ...httpSettings(ha) } });
}

/** The http package of a release before 2026.8, which reads its http settings from YAML at every start. */
export function renderHttpPackage(ha: Pick<HomeAssistantConfig, "port" | "http">): string {
  return YAML.stringify({ http: httpSettings(ha) });
}

/** secrets.yaml: one `name: value` per secret, each value a quoted string. */
export function renderSecretsYaml(secrets: Record<string, string>): string {
  const names = Object.keys(secrets).sort();
  if (names.length === 0) return "{}\n";
  return YAML.stringify(Object.fromEntries(names.map((n) => [n, secrets[n]])), { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" });
}

export function renderGitignore(): string {
  return [...HA_GITIGNORE, ""].join("\n");
}
