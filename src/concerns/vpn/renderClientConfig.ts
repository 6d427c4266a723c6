import type { VpnConfig, VpnPeer } from "./config";
import { peerAddresses, serverAddresses } from "./vpnAddresses";
import { wireguardPublicKeyOf } from "./wireguardKeys";

/** What a device that brings its own key finds in place of a private key. */
export const OWN_KEY_PLACEHOLDER = "PrivateKey = <replace with this device's own private key: its public half is in the stack>";

/** What a device may send into the tunnel: the host (and the LAN when forwarded), or everything. */
export function clientAllowedIps(vpn: VpnConfig, peer: VpnPeer, lanCidrs: readonly string[]): string[] {
  if (peer.fullTunnel) return ["0.0.0.0/0", "::/0"];
  const me = serverAddresses(vpn);
  return [`${me.v4}/32`, `${me.v6}/128`, ...(vpn.forwardToLan ? lanCidrs : [])];
}

/**
 * A device's client config (wg-quick format, what the mobile apps import): short, so its QR code stays
 * scannable. A device that brought its own key gets a placeholder line instead of a private key.
 */
export function renderClientConfig(vpn: VpnConfig, peer: VpnPeer, lanCidrs: readonly string[], serverPublicKey: string = wireguardPublicKeyOf(vpn.serverPrivateKey)): string {
  const a = peerAddresses(vpn, peer.id);
  const lines = [
    "[Interface]",
    peer.privateKey ? `PrivateKey = ${peer.privateKey.trim()}` : OWN_KEY_PLACEHOLDER,
    `Address = ${a.v4}/32, ${a.v6}/128`,
    ...(vpn.dns.length ? [`DNS = ${vpn.dns.join(", ")}`] : []),
    "",
    "[Peer]",
    `PublicKey = ${serverPublicKey}`,
    `PresharedKey = ${peer.presharedKey.trim()}`,
    `Endpoint = ${vpn.endpoint}`,
    `AllowedIPs = ${clientAllowedIps(vpn, peer, lanCidrs).join(", ")}`,
    ...(vpn.persistentKeepalive > 0 ? [`PersistentKeepalive = ${vpn.persistentKeepalive}`] : []),
  ];
  return lines.join("\n") + "\n";
}
