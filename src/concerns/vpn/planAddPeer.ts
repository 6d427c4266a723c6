import { CONFIG_NAMESPACE } from "../../core/configKey";
import { PEER_ID_RANGE, PEER_NAME } from "./config";
import { generatePresharedKey, generateWireguardKeyPair, isWireguardKey } from "./wireguardKeys";
import { isSecureValue } from "../../core/opaqueSecret";

/** One `pulumi config set --path` the add-peer command makes; secret values go on stdin. */
export interface ConfigSet {
  path: string;
  value: string | number;
  secret: boolean;
}

export interface AddPeerPlan {
  hostName: string;
  peerName: string;
  id: number;
  /** In the order to run them: the server key (when missing) first, the peer's secrets before its public fields. */
  sets: ConfigSet[];
  /** true: the project generated the device's key pair (its config then carries the private key). */
  generatedKey: boolean;
  generatedServerKey: boolean;
}

const present = (v: unknown) => (typeof v === "string" && v.trim() !== "") || isSecureValue(v);

/**
 * What `npm run vpn -- add-peer NAME` stores, from the `config:` mapping of a parsed stack file: the host's server
 * key when it has none, the device's preshared key, and its key pair (or only the public key it brings), at the
 * smallest free id. Returns a one-sentence problem instead when it cannot.
 */
export function planAddPeer(config: Record<string, unknown>, opts: { peer: string; host?: string; publicKey?: string; id?: number; fullTunnel?: boolean }): AddPeerPlan | string {
  if (!PEER_NAME.test(opts.peer)) return `the peer name must be 1-31 lowercase letters, digits and hyphens starting with a letter, not ${JSON.stringify(opts.peer)}`;
  if (opts.publicKey !== undefined && !isWireguardKey(opts.publicKey)) return "--public-key must be a WireGuard public key (44 characters of base64, as `wg pubkey` prints)";
  const hosts = config[`${CONFIG_NAMESPACE}:hosts`];
  const list = Array.isArray(hosts) ? (hosts as Record<string, any>[]) : [];
  const index = opts.host ? list.findIndex((h) => h?.name === opts.host) : list.length === 1 ? 0 : -1;
  if (index < 0) return opts.host ? `the stack has no host named ${opts.host}` : `the stack has ${list.length} hosts: name one with --host`;
  const host = list[index];
  const hostName = typeof host?.name === "string" ? host.name : `hosts[${index}]`;
  if (typeof host?.vpn?.endpoint !== "string") {
    return `${hostName} has no vpn.endpoint: set it first, e.g. npm run pulumi -- config set --path 'hosts[${index}].vpn.endpoint' home.example.org:51820 --stack STACK`;
  }
  const peers: Record<string, any>[] = Array.isArray(host.vpn.peers) ? host.vpn.peers : [];
  if (peers.some((p) => p?.name === opts.peer)) return `${hostName} already has a peer named ${opts.peer}`;
  const used = new Set(peers.map((p) => p?.id));
  let id = opts.id;
  if (id === undefined) for (let n = PEER_ID_RANGE.min; n <= PEER_ID_RANGE.max && id === undefined; n++) if (!used.has(n)) id = n;
  if (id === undefined) return `${hostName} has no free peer id left (${PEER_ID_RANGE.min}-${PEER_ID_RANGE.max})`;
  if (used.has(id)) return `${hostName} already has a peer with id ${id}`;
  const at = (p: string) => `${CONFIG_NAMESPACE}:hosts[${index}].vpn.${p}`;
  const peerAt = (p: string) => at(`peers[${peers.length}].${p}`);
  const sets: ConfigSet[] = [];
  const generatedServerKey = !present(host.vpn.serverPrivateKey);
  if (generatedServerKey) sets.push({ path: at("serverPrivateKey"), value: generateWireguardKeyPair().privateKey, secret: true });
  sets.push({ path: peerAt("presharedKey"), value: generatePresharedKey(), secret: true });
  let publicKey = opts.publicKey?.trim();
  if (publicKey === undefined) {
    const pair = generateWireguardKeyPair();
    sets.push({ path: peerAt("privateKey"), value: pair.privateKey, secret: true });
    publicKey = pair.publicKey;
  }
  sets.push({ path: peerAt("publicKey"), value: publicKey, secret: false }, { path: peerAt("id"), value: id, secret: false });
  if (opts.fullTunnel) sets.push({ path: peerAt("fullTunnel"), value: "true", secret: false });
  sets.push({ path: peerAt("name"), value: opts.peer, secret: false });
  return { hostName, peerName: opts.peer, id, sets, generatedKey: opts.publicKey === undefined, generatedServerKey };
}
