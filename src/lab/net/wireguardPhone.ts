import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * A WireGuard device in one of the lab's namespaces: `wg-quick up` of a client config, exactly as a user's laptop
 * would run it (wireguard-go where the controller's kernel has no module). Every call is bounded.
 */
export interface WireguardPhone {
  ns: string;
  iface: string;
  /** The 0600 config file wg-quick reads (its name is the interface's). */
  file: string;
}

function exec(ns: string, cmd: string[], timeoutMs: number, input = ""): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync("ip", ["netns", "exec", ns, ...cmd], { input, encoding: "utf8", timeout: timeoutMs });
  return { code: r.status, stdout: r.stdout ?? "", stderr: (r.stderr ?? "") + (r.error ? String(r.error) : "") };
}

/**
 * Brings up a client config in namespace `ns` as interface `iface` (at most 15 characters, and unique on the
 * controller: wireguard-go's control socket, /var/run/wireguard/IFACE.sock, is not per namespace). Throws with
 * wg-quick's words.
 */
export function phoneUp(ns: string, iface: string, clientConfig: string): WireguardPhone {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-wg-phone-"));
  const file = path.join(dir, `${iface}.conf`);
  fs.writeFileSync(file, clientConfig, { mode: 0o600 });
  const r = exec(ns, ["wg-quick", "up", file], 60_000);
  if (r.code !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`wg-quick up ${iface} in ${ns} exited ${r.code}: ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`);
  }
  return { ns, iface, file };
}

/** Takes the device down and removes its config; never throws (teardown). */
export function phoneDown(phone: WireguardPhone): void {
  exec(phone.ns, ["wg-quick", "down", phone.file], 30_000);
  fs.rmSync(path.dirname(phone.file), { recursive: true, force: true });
}

/** Seconds since the epoch of the device's latest handshake with the host (0: none yet). */
export function latestHandshake(phone: WireguardPhone): number {
  const r = exec(phone.ns, ["wg", "show", phone.iface, "latest-handshakes"], 10_000);
  return Number(r.stdout.trim().split(/\s+/)[1] ?? 0) || 0;
}

/** Bytes the device received from and sent to the host, handshakes included (`wg show IFACE transfer`). */
export function transferBytes(phone: WireguardPhone): { received: number; sent: number } {
  const r = exec(phone.ns, ["wg", "show", phone.iface, "transfer"], 10_000);
  const [, received, sent] = r.stdout.trim().split(/\s+/);
  return { received: Number(received ?? 0) || 0, sent: Number(sent ?? 0) || 0 };
}

/** Waits (at most `attempts` × 200 ms) for a handshake newer than `after`; returns its time, or 0. */
export function awaitHandshake(phone: WireguardPhone, after = 0, attempts = 50): number {
  for (let i = 0; i < attempts; i++) {
    const t = latestHandshake(phone);
    if (t > after) return t;
    spawnSync("sleep", ["0.2"]);
  }
  return 0;
}

/** The first bytes a TCP service at address:port sends, read from namespace `ns` (bounded): "" when unreachable. */
export function tcpBanner(ns: string, address: string, port: number, timeoutSeconds = 5): string {
  const r = exec(ns, ["timeout", String(timeoutSeconds), "bash", "-c", 'exec 3<>"/dev/tcp/$1/$2" && head -c 8 <&3', "tcp-banner", address, String(port)], (timeoutSeconds + 5) * 1000);
  return r.code === 0 ? r.stdout : "";
}

/** One ICMP echo request from namespace `ns` to `address` with nping (nmap's; it waits a second for the reply): true when it came back. */
export function echoAnswered(ns: string, address: string): boolean {
  const family = address.includes(":") ? ["-6"] : [];
  const r = exec(ns, ["nping", ...family, "--icmp", "-c", "1", address], 15_000);
  return r.code === 0 && /\| Rcvd: 1 /.test(r.stdout);
}
