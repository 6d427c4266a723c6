import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { serverAddresses } from "../src/concerns/vpn/vpnAddresses";
import { VPN_SUBNET4, VPN_SUBNET6 } from "../src/concerns/vpn/config";
import { labDown, labUp } from "../src/lab/host/labHost";
import { SshTarget, sshClientArgs, writeKnownHosts } from "../src/lab/host/sshClientArgs";
import { latestHandshake, phoneDown, phoneUp, WireguardPhone } from "../src/lab/net/wireguardPhone";
import { Figure, seconds } from "./figureTable";
import { median } from "./median";

export interface VpnBenchResult {
  /** wg-quick up of the phone's config (wireguard-go start included), median over the rounds. */
  upMedianMs: number;
  /** From starting wg-quick up to the first completed handshake the phone reports, median. */
  handshakeMedianMs: number;
  rounds: number;
  bytes: number;
  /** MB/s of `cat > /dev/null` over SSH: through the tunnel, and straight to the host's lab address. */
  tunnelMBps: number;
  directMBps: number;
}

const PROJECT = path.resolve(__dirname, "..", "..");
const LAB_CLI = path.join(PROJECT, "dist", "src", "cli", "lab.js");
const VPN_CLI = path.join(PROJECT, "dist", "src", "cli", "vpn.js");
const NAME = "vpbench";

function node(cli: string, args: string[], timeoutMs: number): string {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${path.basename(cli)} ${args[0]} failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout || "").slice(-2000)}`);
  return r.stdout;
}

/** Streams `bytes` zeros to `cat > /dev/null` on the host over SSH from namespace `ns`; MB/s (bounded by timeoutMs). */
function sshThroughput(ns: string, target: SshTarget, bytes: number, timeoutMs: number): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hh-vpn-bench-"));
  try {
    const known = path.join(dir, "known_hosts");
    writeKnownHosts(known, target);
    const t0 = Date.now();
    const r = spawnSync("bash", ["-c", 'head -c "$1" /dev/zero | ip netns exec "$2" "${@:3}"', "bench", String(bytes), ns, "ssh", ...sshClientArgs(target, known), "cat > /dev/null"], { timeout: timeoutMs, encoding: "utf8" });
    const ms = Date.now() - t0;
    if (r.status !== 0) throw new Error(`ssh transfer to ${target.address} from ${ns} failed (exit ${r.status ?? r.signal}): ${r.stderr.trim()}`);
    return bytes / 1e6 / (ms / 1000);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A lab host with a VPN and one phone in the WAN namespace: handshake time and SSH throughput through the tunnel. */
export async function runVpnBench(opts: { rounds: number; megabytes: number }): Promise<VpnBenchResult> {
  const lab = await labUp({ name: NAME, log: () => undefined });
  let phone: WireguardPhone | undefined;
  try {
    node(LAB_CLI, ["apply", "--stack", "lab", "--name", NAME, "--config", 'ha-hardened-host:hosts[0].vpn={"peers":[{"name":"phone","id":2}]}'], 1_800_000);
    const config = node(VPN_CLI, ["config", "phone", "--stack", "lab", "--lab", NAME], 120_000);
    const ups: number[] = [];
    const handshakes: number[] = [];
    for (let i = 0; i < opts.rounds; i++) {
      const t0 = Date.now();
      phone = phoneUp(lab.info.netns.wan, "vpbench0", config);
      ups.push(Date.now() - t0);
      let seen = 0;
      for (let n = 0; n < 500 && seen === 0; n++) {
        if (latestHandshake(phone) > 0) seen = Date.now() - t0;
        else spawnSync("sleep", ["0.02"]);
      }
      if (seen === 0) throw new Error("the phone made no handshake within the bound");
      handshakes.push(seen);
      if (i < opts.rounds - 1) {
        phoneDown(phone);
        phone = undefined;
      }
    }
    const a = JSON.parse(fs.readFileSync(path.join(lab.stateDir, "admin.json"), "utf8")) as { user: string; privateKeyPath: string; hostKey: string };
    const target = (address: string): SshTarget => ({ address, port: lab.info.port, user: a.user, privateKeyPath: a.privateKeyPath, hostKey: a.hostKey });
    const bytes = opts.megabytes * 1024 * 1024;
    const vpnAddress = serverAddresses({ subnet4: VPN_SUBNET4.value, subnet6: VPN_SUBNET6.value }).v4;
    const tunnelMBps = sshThroughput(lab.info.netns.wan, target(vpnAddress), bytes, 180_000);
    const directMBps = sshThroughput(lab.info.netns.wan, target(lab.info.address), bytes, 180_000);
    return { upMedianMs: median(ups), handshakeMedianMs: median(handshakes), rounds: opts.rounds, bytes, tunnelMBps, directMBps };
  } finally {
    if (phone) phoneDown(phone);
    await labDown(NAME);
  }
}

export function vpnFigures(r: VpnBenchResult): Figure[] {
  const mb = `${(r.bytes / 1024 / 1024).toFixed(0)} MiB`;
  return [
    { label: "vpn: wg-quick up (phone)", value: seconds(r.upMedianMs), how: `median of ${r.rounds}, wireguard-go in the lab's WAN namespace, exactly the printed client config` },
    { label: "vpn: handshake", value: seconds(r.handshakeMedianMs), how: `median of ${r.rounds}, from wg-quick up to the first handshake the phone reports (polled every 20 ms)` },
    { label: "vpn: throughput, tunnel", value: `${r.tunnelMBps.toFixed(1)} MB/s`, how: `${mb} over SSH to the host's VPN address (wireguard-go on both ends, through the lab router)` },
    { label: "vpn: throughput, direct", value: `${r.directMBps.toFixed(1)} MB/s`, how: `${mb} over SSH to the host's lab address, for comparison` },
  ];
}
