/** Paths (below the host entry) of every WireGuard secret a raw host entry holds. */
export function secretPaths(host: any): (string | number)[][] {
  const vpn = host?.vpn;
  if (vpn === null || typeof vpn !== "object") return [];
  const peers: unknown[] = Array.isArray(vpn.peers) ? vpn.peers : [];
  return [["vpn", "serverPrivateKey"], ...peers.flatMap((_, i) => [["vpn", "peers", i, "privateKey"], ["vpn", "peers", i, "presharedKey"]])];
}
