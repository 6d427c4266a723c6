import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE } from "./configKey";
import { ConfigSource, configSourceFromMap } from "./configSource";

// isConfigSecret is marked @internal in the SDK typings; it reads PULUMI_CONFIG_SECRET_KEYS as the engine sets it.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const runtimeConfig: { isConfigSecret(k: string): boolean } = require("@pulumi/pulumi/runtime/config");

/**
 * The config the Pulumi CLI (or the mock runtime) gave this program: `new pulumi.Config("ha-hardened-host")`'s
 * raw values. Read raw so validation sees every key, including ones the schema does not know.
 */
export function pulumiConfigSource(): ConfigSource {
  const all = pulumi.runtime.allConfig();
  const secret = Object.keys(all).filter((k) => k.startsWith(`${CONFIG_NAMESPACE}:`) && runtimeConfig.isConfigSecret(k));
  return configSourceFromMap(all, secret);
}
