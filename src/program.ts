import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "./core/configError";
import { ConfigSource } from "./core/configSource";
import { loadStackConfig, StackConfig } from "./config/loadStackConfig";
import { STACKS_DIR, stackFilePath } from "./core/stackFiles";
import { publishedExampleKeys, publishedKeyProblems } from "./concerns/access/publishedExampleKeys";
import { pulumiConfigSource } from "./config/pulumiConfigSource";
import { AdminConnectionInfo, HardenedHost } from "./host/HardenedHost";
import { isOpaqueSecret } from "./core/opaqueSecret";
import { renderClientConfig } from "./concerns/vpn/renderClientConfig";
import type { HostConfig } from "./config/schema";
import { readLiveDrift, SshReader } from "./host/readLiveDrift";
import { readOverSsh } from "./core/readOverSsh";

export interface StackOutputs {
  /** Per host: how to log in as the admin (no secrets). */
  hosts: Record<string, { adminConnection: pulumi.Output<AdminConnectionInfo>; hostKeyFingerprint: pulumi.Output<string>; vpnClientConfigs?: pulumi.Output<Record<string, string>> }>;
}

/** The client configs of the VPN devices whose keys the project generated, by device name: a secret output. */
function vpnClientConfigs(host: HostConfig): pulumi.Output<Record<string, string>> | undefined {
  const vpn = host.vpn;
  const generated = vpn?.peers.filter((p) => p.privateKey !== undefined) ?? [];
  if (!vpn || generated.length === 0 || isOpaqueSecret(vpn.serverPrivateKey) || generated.some((p) => isOpaqueSecret(p.privateKey) || isOpaqueSecret(p.presharedKey))) return undefined;
  return pulumi.secret(Object.fromEntries(generated.map((p) => [p.name, renderClientConfig(vpn, p, host.lanCidrs)])));
}

/**
 * The Pulumi program: validates the whole stack config first (a ConfigError, which the CLI prints without a
 * stack trace, and nothing registered), then one HardenedHost per host. `drifted`: per host, the steps whose
 * read-back found the live host drifted from the stack.
 */
export function runProgram(source: ConfigSource = pulumiConfigSource(), drifted: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> = new Map()): StackOutputs {
  return composeHosts(validatedConfig(source), drifted);
}

/**
 * The program as `pulumi up` runs it: the config validated before any host is contacted, then (in an update,
 * never in a preview) every host's read-back, whose drift is reported and repaired by this same `up`.
 */
export async function runProgramReadingBack(source: ConfigSource = pulumiConfigSource(), read: SshReader = readOverSsh): Promise<StackOutputs> {
  const config = validatedConfig(source);
  const drifted = new Map<string, ReadonlyMap<string, readonly string[]>>();
  if (!pulumi.runtime.isDryRun()) {
    // All hosts at once (each read is one login); the messages in the stack's host order.
    const live = await Promise.all(config.hosts.map((h) => readLiveDrift(h, read)));
    config.hosts.forEach((host, i) => {
      for (const m of live[i].messages) (m.level === "warn" ? pulumi.log.warn : pulumi.log.info)(m.text);
      drifted.set(host.name, live[i].steps);
    });
  }
  return composeHosts(config, drifted);
}

function validatedConfig(source: ConfigSource): StackConfig {
  const config = loadStackConfig(source);
  if (!pulumi.runtime.isDryRun()) {
    const problems = publishedKeyProblems(config.hosts, publishedExampleKeys(exampleStackText()));
    if (problems.length > 0) throw new ConfigError(problems);
  }
  // Only offline (`npm run check` on secure: values) are secrets opaque; say so on stderr, never in stdout (--json).
  for (const key of config.uncheckedSecrets) {
    process.stderr.write(`note: ${key} is an encrypted secure: value here, so its content was not checked\n`);
  }
  return config;
}

function composeHosts(config: StackConfig, drifted: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>): StackOutputs {
  const hosts: StackOutputs["hosts"] = {};
  for (const host of config.hosts) {
    const h = new HardenedHost(host.name, { host, drifted: drifted.get(host.name) });
    const clients = vpnClientConfigs(host);
    hosts[host.name] = { adminConnection: h.adminConnection, hostKeyFingerprint: h.hostKeyFingerprint, ...(clients ? { vpnClientConfigs: clients } : {}) };
  }
  return { hosts };
}

/** The example stack shipped with the project (its keys are public knowledge); empty when it is not there. */
function exampleStackText(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = stackFilePath(path.join(dir, STACKS_DIR), "example");
    if (fs.existsSync(path.join(dir, "Pulumi.yaml")) && fs.existsSync(file)) return fs.readFileSync(file, "utf8");
  }
  return "";
}
