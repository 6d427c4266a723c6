import { bigIntToIp, ipv4ToBigInt, ipv6ToBigInt } from "../../core/network";
import type { VpnConfig } from "./config";

/** The address with host number `id` in a subnet, without a prefix. */
function nth(subnet: string, id: number): string {
  const [addr] = subnet.split("/");
  return addr.includes(":") ? bigIntToIp(ipv6ToBigInt(addr) + BigInt(id), 6) : bigIntToIp(ipv4ToBigInt(addr) + BigInt(id), 4);
}

/** The host's own tunnel addresses (host number 1). */
export function serverAddresses(vpn: Pick<VpnConfig, "subnet4" | "subnet6">): { v4: string; v6: string } {
  return { v4: nth(vpn.subnet4, 1), v6: nth(vpn.subnet6, 1) };
}

/** A device's tunnel addresses (host number `id`). */
export function peerAddresses(vpn: Pick<VpnConfig, "subnet4" | "subnet6">, id: number): { v4: string; v6: string } {
  return { v4: nth(vpn.subnet4, id), v6: nth(vpn.subnet6, id) };
}
