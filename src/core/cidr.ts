import { isIP } from "net";
import { ipv4ToBigInt, ipv6ToBigInt } from "./network";

/** A network as numbers: family, first address and prefix length. */
export interface Cidr {
  family: 4 | 6;
  base: bigint;
  prefix: number;
  text: string;
}

/** Parses `addr/len` or a bare address (a /32 or /128); undefined when it is neither. */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, len, extra] = text.split("/");
  if (extra !== undefined) return undefined;
  const family = isIP(addr);
  if (family === 0) return undefined;
  const width = family === 4 ? 32 : 128;
  const prefix = len === undefined ? width : Number(len);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > width || (len !== undefined && !/^\d+$/.test(len))) return undefined;
  const n = family === 4 ? ipv4ToBigInt(addr) : ipv6ToBigInt(addr);
  const hostBits = BigInt(width - prefix);
  return { family: family as 4 | 6, base: (n >> hostBits) << hostBits, prefix, text };
}

/** true when every address of `inner` lies in `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  const width = outer.family === 4 ? 32 : 128;
  const shift = BigInt(width - outer.prefix);
  return inner.base >> shift === outer.base >> shift;
}

/** Networks no internet host can come from (IANA special-purpose "not globally reachable" blocks). */
const NOT_GLOBAL = [
  "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
  "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4",
  "::1/128", "fc00::/7", "fe80::/10", "2001:2::/48", "2001:db8::/32",
].map((c) => parseCidr(c)!);

/** true when the network lies inside a private, link-local or otherwise not globally reachable block. */
export function isPrivateCidr(c: Cidr): boolean {
  return NOT_GLOBAL.some((p) => cidrContains(p, c));
}
