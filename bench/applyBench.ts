import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { labDown, labUp } from "../src/lab/host/labHost";
import { SshTarget, sshClientArgs, writeKnownHosts } from "../src/lab/host/sshClientArgs";
import { median } from "./median";

export interface ApplyBenchResult {
  /** `npm run lab -- apply --stack lab` onto a blank host: whole command (capture + policy pack + replay). */
  firstApplyMs: number;
  /** The replay alone (remote commands), as the engine reports it. */
  firstApplyEngineMs: number;
  firstApplyCommands: number;
  /** Median of the no-op re-applies (whole command); each must run 0 commands. */
  noopReapplyMedianMs: number;
  noopRuns: number[];
  /** Lynis hardening index after apply (and on a blank host, for comparison; NaN when skipped). */
  lynisAfter: number;
  lynisBlank: number;
}

const PROJECT = path.resolve(__dirname, "..", "..");
const LAB_CLI = path.join(PROJECT, "dist", "src", "cli", "lab.js");
const SUMMARY = /; (\d+) remote command\(s\) in ([\d.]+)(ms|s)/;

function apply(name: string): { ms: number; engineMs: number; commands: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [LAB_CLI, "apply", "--stack", "lab", "--name", name, "--quiet-checklist"], { encoding: "utf8", timeout: 600_000 });
  const ms = Date.now() - t0;
  const m = SUMMARY.exec(r.stdout ?? "");
  if (r.status !== 0 || !m) throw new Error(`apply on lab ${name} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { ms, engineMs: Number(m[2]) * (m[3] === "s" ? 1000 : 1), commands: Number(m[1]) };
}

/** Installs lynis from the lab's offline repo, runs `lynis audit system --quick`, reads hardening_index. */
function lynisIndex(target: SshTarget, sudo: string): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hh-bench-"));
  try {
    const known = path.join(dir, "known_hosts");
    writeKnownHosts(known, target);
    const script = `${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -q lynis >/dev/null && ${sudo}lynis audit system --quick --no-colors >/dev/null 2>&1; ${sudo}grep '^hardening_index=' /var/log/lynis-report.dat`;
    const r = spawnSync("ssh", [...sshClientArgs(target, known, 10), script], { encoding: "utf8", timeout: 600_000, input: "" });
    const m = /hardening_index=(\d+)/.exec(r.stdout ?? "");
    if (!m) throw new Error(`lynis on ${target.address} gave no hardening_index (exit ${r.status}): ${(r.stderr ?? "").slice(-400)}`);
    return Number(m[1]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}


export async function runApplyBench(opts: { noopRuns?: number; withBlankLynis?: boolean; log?: (l: string) => void } = {}): Promise<ApplyBenchResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const name = `abench${process.pid % 1000}`.slice(0, 11);
  const blank = `ablank${process.pid % 1000}`.slice(0, 11);
  try {
    const up = await labUp({ name });
    const first = apply(name);
    log(`first apply onto a blank host: ${(first.ms / 1000).toFixed(1)} s (replay ${(first.engineMs / 1000).toFixed(1)} s, ${first.commands} remote commands)`);
    const runs: number[] = [];
    for (let i = 0; i < (opts.noopRuns ?? 3); i++) {
      const r = apply(name);
      if (r.commands !== 0) throw new Error(`no-op re-apply ran ${r.commands} commands`);
      runs.push(r.ms);
    }
    log(`no-op re-apply (median of ${runs.length}): ${(median(runs) / 1000).toFixed(1)} s, 0 remote commands`);
    const admin = JSON.parse(fs.readFileSync(path.join(up.stateDir, "admin.json"), "utf8")) as { user: string; privateKeyPath: string; hostKey: string };
    const lynisAfter = lynisIndex({ address: up.info.address, port: up.info.port, user: admin.user, privateKeyPath: admin.privateKeyPath, hostKey: admin.hostKey }, "sudo -n ");
    let lynisBlank = NaN;
    if (opts.withBlankLynis !== false) {
      const b = await labUp({ name: blank });
      lynisBlank = lynisIndex({ address: b.info.address, port: b.info.port, user: b.info.bootstrapUser, privateKeyPath: b.info.privateKeyPath, hostKey: b.info.hostKey }, "");
    }
    log(`Lynis hardening index after apply: ${lynisAfter}${Number.isNaN(lynisBlank) ? "" : ` (blank host: ${lynisBlank})`}`);
    return { firstApplyMs: first.ms, firstApplyEngineMs: first.engineMs, firstApplyCommands: first.commands, noopReapplyMedianMs: median(runs), noopRuns: runs, lynisAfter, lynisBlank };
  } finally {
    await labDown(name);
    await labDown(blank);
  }
}

if (require.main === module) {
  runApplyBench({ withBlankLynis: !process.argv.includes("--no-blank") }).then(
    () => process.exit(0),
    (err: Error) => {
      console.error(`apply bench: ${err.message}`);
      process.exit(1);
    },
  );
}
