import { CONFIG_NAMESPACE } from "../../core/configKey";
import { GeneratedKind } from "./generateKeyPair";
import { isSecureValue } from "../../core/opaqueSecret";

/** One piece of identity material a host lacks, and where it goes in config. */
export interface MissingKey {
  hostIndex: number;
  hostName: string;
  /** `pulumi config set --path` key, namespace included: `ha-hardened-host:hosts[0].hostKeys.ed25519`. */
  path: string;
  kind: GeneratedKind;
  /** Key comment, e.g. `ha-pi host key`. */
  comment: string;
  /** Where the plain public copy goes (the program checks it matches), when the schema has one. */
  publicPath?: string;
}

export interface IdentityScan {
  missing: MissingKey[];
  /** Hosts whose bootstrap.privateKey is unset: the user's own key, never generated. */
  missingBootstrapKey: { hostIndex: number; hostName: string; path: string }[];
  /** Hosts named by --host that the stack does not have. */
  unknownHosts: string[];
}

const present = (v: unknown) => (typeof v === "string" && v.trim() !== "") || isSecureValue(v);

/**
 * Finds the host keys (ed25519, rsa) and automation keys a stack file lacks. `config` is the `config:` mapping of
 * a parsed Pulumi.STACK.yaml (secure values as `{secure: …}`); `only` limits the scan to one host name.
 */
export function missingIdentity(config: Record<string, unknown>, only?: string): IdentityScan {
  const hosts = config[`${CONFIG_NAMESPACE}:hosts`];
  const list = Array.isArray(hosts) ? (hosts as Record<string, any>[]) : [];
  const scan: IdentityScan = { missing: [], missingBootstrapKey: [], unknownHosts: [] };
  if (only && !list.some((h) => h?.name === only)) scan.unknownHosts.push(only);
  list.forEach((h, i) => {
    const name = typeof h?.name === "string" ? h.name : `hosts[${i}]`;
    if (only && name !== only) return;
    const at = (p: string) => `${CONFIG_NAMESPACE}:hosts[${i}].${p}`;
    if (!present(h?.hostKeys?.ed25519)) {
      scan.missing.push({ hostIndex: i, hostName: name, path: at("hostKeys.ed25519"), kind: "ed25519", comment: `${name} host key`, publicPath: at("hostKeys.ed25519Public") });
    }
    if (!present(h?.hostKeys?.rsa)) {
      scan.missing.push({ hostIndex: i, hostName: name, path: at("hostKeys.rsa"), kind: "rsa", comment: `${name} host key` });
    }
    if (!present(h?.automationKey)) {
      scan.missing.push({ hostIndex: i, hostName: name, path: at("automationKey"), kind: "ed25519", comment: `${name} automation`, publicPath: at("automationPublicKey") });
    }
    if (!present(h?.bootstrap?.privateKey)) scan.missingBootstrapKey.push({ hostIndex: i, hostName: name, path: at("bootstrap.privateKey") });
  });
  return scan;
}
