import { generatePresharedKey, generateWireguardKeyPair } from "../../../src/concerns/vpn/wireguardKeys";

/** Real WireGuard keys for the vpn tests, made once per test file. */
export const SERVER = generateWireguardKeyPair();
export const PHONE = generateWireguardKeyPair();
export const TABLET = generateWireguardKeyPair();
export const PSK = generatePresharedKey();

/** A raw vpn entry as the CLI passes it (plaintext secrets): a generated phone and a tablet that brings its own key. */
export function rawVpn(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    endpoint: "home.example.org:51820",
    serverPrivateKey: SERVER.privateKey,
    peers: [
      { name: "phone", id: 2, publicKey: PHONE.publicKey, privateKey: PHONE.privateKey, presharedKey: PSK },
      { name: "tablet", id: 3, publicKey: TABLET.publicKey, presharedKey: PSK },
    ],
    ...overrides,
  };
}
