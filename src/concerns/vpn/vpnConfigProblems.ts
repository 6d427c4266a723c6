import { isIP } from "net";
import { ipv4ToBigInt } from "../../core/network";
import { isOpaqueSecret } from "../../core/opaqueSecret";
import { isWireguardKey, wireguardPublicKeyOf } from "./wireguardKeys";

/** A problem with a vpn setting: its path below the host entry and one sentence. */
export interface VpnProblem {
  path: (string | number)[];
  message: string;
}

function overlaps4(a: string, b: string): boolean {
  const [aa, al] = a.split("/");
  const [ba, bl] = b.split("/");
  if (isIP(aa) !== 4 || isIP(ba) !== 4) return false;
  const len = BigInt(Math.min(Number(al), Number(bl)));
  const shift = 32n - len;
  return ipv4ToBigInt(aa) >> shift === ipv4ToBigInt(ba) >> shift;
}

/**
 * Checks across the vpn settings of a RAW host entry (so they run even when other fields are wrong): peers
 * unique by name, id and key, a generated private key matching its public copy, the tunnel off the LAN.
 */
export function vpnConfigProblems(host: any): VpnProblem[] {
  const vpn = host?.vpn;
  if (vpn === null || typeof vpn !== "object") return [];
  const problems: VpnProblem[] = [];
  const peers: any[] = Array.isArray(vpn.peers) ? vpn.peers : [];
  for (const field of ["name", "id", "publicKey"] as const) {
    const seen = new Map<unknown, number>();
    peers.forEach((p, i) => {
      const v = p?.[field];
      if (v === undefined) return;
      const first = seen.get(v);
      if (first !== undefined) problems.push({ path: ["vpn", "peers", i, field], message: `must be unique, but ${JSON.stringify(v)} is also vpn.peers[${first}].${field}` });
      else seen.set(v, i);
    });
  }
  peers.forEach((p, i) => {
    const priv = p?.privateKey;
    const pub = p?.publicKey;
    if (typeof priv !== "string" || typeof pub !== "string" || isOpaqueSecret(priv) || !isWireguardKey(priv) || !isWireguardKey(pub)) return;
    if (wireguardPublicKeyOf(priv) !== pub.trim()) problems.push({ path: ["vpn", "peers", i, "publicKey"], message: "must be the public half of privateKey, but it is another key" });
  });
  const server = vpn.serverPrivateKey;
  if (typeof server === "string" && !isOpaqueSecret(server) && isWireguardKey(server)) {
    const serverPublic = wireguardPublicKeyOf(server);
    peers.forEach((p, i) => {
      if (p?.publicKey === serverPublic) problems.push({ path: ["vpn", "peers", i, "publicKey"], message: "must be the device's own key, not the host's" });
    });
  }
  const lan: unknown[] = Array.isArray(host.lanCidrs) ? host.lanCidrs : [];
  const subnet4 = typeof vpn.subnet4 === "string" ? vpn.subnet4 : "10.77.0.0/24";
  for (const c of lan) {
    if (typeof c === "string" && overlaps4(subnet4, c)) problems.push({ path: ["vpn", "subnet4"], message: `must not overlap the LAN ${c}: devices would not know which side an address is on` });
  }
  if (vpn.forwardToLan === true && lan.length === 0) problems.push({ path: ["vpn", "forwardToLan"], message: "needs lanCidrs: there is no LAN to forward to" });
  return problems;
}
