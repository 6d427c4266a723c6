import { isIP } from "net";

/** A DNS host name: labels of letters, digits and hyphens, at most 253 characters. */
const HOST_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** true for an IPv4/IPv6 literal or a DNS name. */
export function isHostAddress(value: string): boolean {
  if (isIP(value) !== 0) return true;
  if (/^[0-9.]+$/.test(value)) return false; // looks like a broken IPv4 literal, not a name
  return HOST_NAME.test(value);
}

export function ipv4ToBigInt(ip: string): bigint {
  return ip.split(".").reduce((acc, part) => (acc << 8n) + BigInt(Number(part)), 0n);
}

export function ipv6ToBigInt(ip: string): bigint {
  let text = ip;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToBigInt(v4[1]);
    text = text.slice(0, -v4[1].length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g || "0", 16)), 0n);
}

/** undefined when `value` is a network in CIDR notation (host bits zero), else why it is not. */
export function cidrProblem(value: string): string | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!m) return `must be a network in CIDR notation such as 192.168.1.0/24, not ${JSON.stringify(value)}`;
  const family = isIP(m[1]);
  if (family === 0) return `must start with an IPv4 or IPv6 address, not ${JSON.stringify(m[1])}`;
  const width = family === 4 ? 32 : 128;
  const prefix = Number(m[2]);
  if (prefix > width) return `must have a prefix length of 0-${width}, not /${prefix}`;
  const n = family === 4 ? ipv4ToBigInt(m[1]) : ipv6ToBigInt(m[1]);
  const hostBits = BigInt(width - prefix);
  if (hostBits > 0n && (n & ((1n << hostBits) - 1n)) !== 0n) {
    const net = (n >> hostBits) << hostBits;
    const shown = family === 4 ? [24n, 16n, 8n, 0n].map((s) => String((net >> s) & 255n)).join(".") : "the network address";
    return `must be a network address (host bits zero), e.g. ${shown}/${prefix}, not ${value}`;
  }
  return undefined;
}

/** An address as text from its number: dotted IPv4, or compressed IPv6 (RFC 5952). */
export function bigIntToIp(n: bigint, family: 4 | 6): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join(".");
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) => Number((n >> s) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}
