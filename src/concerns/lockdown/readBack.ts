/** A socket listening on the host, as `ss -Htulpn` prints it. */
export interface Listener {
  proto: "tcp" | "udp";
  address: string;
  port: number;
  process: string;
}

/** Listeners every host may have besides sshd, each with the reason. */
export const BUILT_IN_LISTENERS: readonly { listener: string; reason: string }[] = [
  { listener: "udp:68", reason: "The DHCP client receives its lease here." },
  { listener: "udp:546", reason: "The DHCPv6 client receives its lease here." },
];

/** `ss -Htulpn` output as listeners. */
export function parseListeners(ss: string): Listener[] {
  const out: Listener[] = [];
  for (const line of ss.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5 || (f[0] !== "tcp" && f[0] !== "udp")) continue;
    const local = f[4];
    const colon = local.lastIndexOf(":");
    const address = local.slice(0, colon).replace(/^\[|\]$/g, "").replace(/%.*$/, "").replace(/\]$/, "");
    const proc = /users:\(\("([^"]+)"/.exec(line)?.[1] ?? "unknown";
    out.push({ proto: f[0] as "tcp" | "udp", address, port: Number(local.slice(colon + 1)), process: proc });
  }
  return out;
}

const isLoopback = (a: string): boolean => a.startsWith("127.") || a === "::1" || /^::ffff:127\./.test(a);

/**
 * The live read-back of "no needless network services": every socket listening beyond loopback that is
 * neither sshd's port, a built-in one, nor in `allowed` (as `tcp:PORT`/`udp:PORT`). Returns one sentence each.
 */
export function unexpectedListeners(ss: string, sshPort: number, allowed: readonly string[]): string[] {
  const ok = new Set([`tcp:${sshPort}`, ...BUILT_IN_LISTENERS.map((l) => l.listener), ...allowed]);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const l of parseListeners(ss)) {
    const key = `${l.proto}:${l.port}`;
    if (isLoopback(l.address) || ok.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push(`${l.process} listens on ${l.proto} port ${l.port} (${l.address || "*"}), which lockdown.allowedListeners does not allow.`);
  }
  return out;
}
