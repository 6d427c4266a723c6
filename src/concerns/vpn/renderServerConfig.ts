import type { VpnConfig } from "./config";
import { peerAddresses, serverAddresses } from "./vpnAddresses";

/**
 * The host's wg0.conf (wg-quick format): its addresses, port and key, and one [Peer] per device whose
 * AllowedIPs are exactly its /32 and /128 (a host route each: no device may speak for another address).
 */
export function renderServerConfig(vpn: VpnConfig): string {
  const me = serverAddresses(vpn);
  const p4 = vpn.subnet4.split("/")[1];
  const lines = [
    "# Managed by ha-hardened-host: WireGuard wg0. Changes here are overwritten by the next pulumi up.",
    "[Interface]",
    `Address = ${me.v4}/${p4}, ${me.v6}/64`,
    `ListenPort = ${vpn.port}`,
    `PrivateKey = ${vpn.serverPrivateKey.trim()}`,
  ];
  for (const peer of [...vpn.peers].sort((a, b) => a.id - b.id)) {
    const a = peerAddresses(vpn, peer.id);
    lines.push("", `# ${peer.name}`, "[Peer]", `PublicKey = ${peer.publicKey.trim()}`, `PresharedKey = ${peer.presharedKey.trim()}`, `AllowedIPs = ${a.v4}/32, ${a.v6}/128`);
  }
  return lines.join("\n") + "\n";
}
