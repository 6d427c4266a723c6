import { PROJECT_NAME } from "../../core/configKey";
import { ensureIdentityValue } from "./ensureIdentityValue";
import { generatePresharedKey, generateWireguardKeyPair, wireguardPublicKeyOf } from "../../concerns/vpn/wireguardKeys";
import { VPN_PORT } from "../../concerns/vpn/config";

const CFG = `${PROJECT_NAME}:hosts[0]`;


/** The private key of a lab device, as the device itself keeps it (the lab's "phone" reads it). */
export function labPeerPrivateKey(identityDir: string, peer: string): string {
  return ensureIdentityValue(identityDir, `wg_peer_${peer}.key`, () => generateWireguardKeyPair().privateKey);
}

/**
 * What the lab sets for hosts[0].vpn of the working stack (its peers as the stack and --config name them): the
 * endpoint at the lab host's address, the host's WireGuard key, each device's preshared key, and for a device
 * that brings no public key a generated pair (its private key stored as a secret, like `npm run vpn -- add-peer`).
 */
export function labVpnOverrides(identityDir: string, vpn: any, address: string, endpointGiven: boolean): { plain: Record<string, unknown>; secret: Record<string, string> } {
  const plain: Record<string, unknown> = {};
  const secret: Record<string, string> = {};
  if (vpn === null || typeof vpn !== "object") return { plain, secret };
  if (!endpointGiven) plain[`${CFG}.vpn.endpoint`] = `${address}:${typeof vpn.port === "number" ? vpn.port : VPN_PORT.value}`;
  secret[`${CFG}.vpn.serverPrivateKey`] = ensureIdentityValue(identityDir, "wg_server.key", () => generateWireguardKeyPair().privateKey);
  const peers: any[] = Array.isArray(vpn.peers) ? vpn.peers : [];
  peers.forEach((p, i) => {
    const name = String(p?.name);
    secret[`${CFG}.vpn.peers[${i}].presharedKey`] = ensureIdentityValue(identityDir, `wg_peer_${name}.psk`, generatePresharedKey);
    if (typeof p?.publicKey !== "string") {
      const priv = labPeerPrivateKey(identityDir, name);
      secret[`${CFG}.vpn.peers[${i}].privateKey`] = priv;
      plain[`${CFG}.vpn.peers[${i}].publicKey`] = wireguardPublicKeyOf(priv);
    }
  });
  return { plain, secret };
}
