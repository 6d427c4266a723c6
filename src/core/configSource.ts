import { CONFIG_NAMESPACE } from "./configKey";

/**
 * Where the program's config comes from: the Pulumi CLI (pulumiConfigSource) or a stack file read
 * offline (configSourceFromMap over readStackFile's result). Values are raw, as the CLI passes them.
 */
export interface ConfigSource {
  /** The raw value of `ha-hardened-host:<key>` (structured values as JSON text), undefined when unset. */
  get(key: string): string | undefined;
  /** true when the key's value is (or contains) a secret. */
  isSecret(key: string): boolean;
  /** Every key set in the project namespace, without the `ha-hardened-host:` prefix. */
  keys(): string[];
}

/** A ConfigSource over a `project:key` -> raw value map and its secret keys (e.g. readStackFile's result). */
export function configSourceFromMap(config: Readonly<Record<string, string>>, secretKeys: readonly string[] = []): ConfigSource {
  const prefix = `${CONFIG_NAMESPACE}:`;
  return {
    get: (key) => config[prefix + key],
    isSecret: (key) => secretKeys.includes(prefix + key),
    keys: () => Object.keys(config).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)),
  };
}
