import type { HostConfig } from "../../config/schema";
import { renderClientConfig } from "./renderClientConfig";

/** A device's client config from the validated hosts (decrypted), or one sentence saying why there is none. */
export function clientConfigFor(hosts: readonly HostConfig[], peer: string, hostName?: string): { text: string; host: string; generatedKey: boolean } | string {
  const candidates = hosts.filter((h) => (hostName ? h.name === hostName : h.vpn?.peers.some((p) => p.name === peer)));
  if (hostName && candidates.length === 0) return `the stack has no host named ${hostName}`;
  if (candidates.length > 1) return `${candidates.length} hosts have a peer named ${peer}: name one with --host`;
  const host = candidates[0];
  if (!host) return `no host of the stack has a peer named ${peer} (add one with npm run vpn -- add-peer ${peer})`;
  if (!host.vpn) return `${host.name} has no vpn settings`;
  const p = host.vpn.peers.find((x) => x.name === peer);
  if (!p) return `${host.name} has no peer named ${peer} (add one with npm run vpn -- add-peer ${peer})`;
  return { text: renderClientConfig(host.vpn, p, host.lanCidrs), host: host.name, generatedKey: p.privateKey !== undefined };
}
