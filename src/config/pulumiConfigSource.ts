import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE } from "../core/configKey";
import { ConfigSource } from "../core/configSource";

// isConfigSecret is marked @internal in the SDK typings; it reads PULUMI_CONFIG_SECRET_KEYS as the engine sets it.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const runtimeConfig: { isConfigSecret(k: string): boolean } = require("@pulumi/pulumi/runtime/config");

/**
 * The config the Pulumi CLI (or the mock runtime) gave this program, read through
 * `new pulumi.Config("ha-hardened-host")` as raw text, so validation sees every value as written.
 */
export function pulumiConfigSource(): ConfigSource {
  const cfg = new pulumi.Config(CONFIG_NAMESPACE);
  const prefix = `${CONFIG_NAMESPACE}:`;
  return {
    get: (key) => cfg.get(key),
    isSecret: (key) => runtimeConfig.isConfigSecret(prefix + key),
    // Every key set in the namespace, so a misspelt top-level key is reported instead of ignored.
    keys: () => Object.keys(pulumi.runtime.allConfig()).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)),
  };
}
