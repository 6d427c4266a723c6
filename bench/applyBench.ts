import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { labDown, labUp } from "../src/lab/host/labHost";
import { DEFAULT_LAB_OS, LabOsId } from "../src/lab/image/labOs";
import { SshTarget, sshClientArgs, writeKnownHosts } from "../src/lab/host/sshClientArgs";
import { Figure } from "./figureTable";
import { median } from "./median";

/** The engine's own counts of one update, as `npm run lab -- apply` prints them. */
export interface ApplyCounts {
  created: number;
  updated: number;
  replaced: number;
  deleted: number;
  unchanged: number;
}

export interface ApplyBenchResult {
  os: LabOsId;
  /** `npm run lab -- apply --stack lab` onto a blank host: the whole command (config set of the secrets, `pulumi up --policy-pack policies`, stack history and output). */
  firstApplyMs: number;
  firstApplyCounts: ApplyCounts;
  /** The `Duration:` pulumi up itself printed for the first up (NaN when it printed none). */
  firstUpDurationMs: number;
  /** Median of the no-op re-applies (whole command); each must report 0 created/updated/replaced/deleted. */
  noopReapplyMedianMs: number;
  noopRuns: number[];
  noopUnchanged: number;
  /** Lynis hardening index after apply (and on a blank host, for comparison; NaN when skipped). */
  lynisAfter: number;
  lynisBlank: number;
}

const PROJECT = path.resolve(__dirname, "..", "..");
const LAB_CLI = path.join(PROJECT, "dist", "src", "cli", "lab.js");
const SUMMARY = /^apply done: (\d+) created, (\d+) updated, (\d+) replaced, (\d+) deleted, (\d+) unchanged$/m;

/** Pulumi's `Duration: 1m2s` (or `45s`, `1h0m3s`) in ms; NaN when the output has none. */
export function pulumiDurationMs(output: string): number {
  const m = /^Duration: (?:(\d+)h)?(?:(\d+)m)?(?:([\d.]+)s)?\s*$/m.exec(output);
  if (!m || (!m[1] && !m[2] && !m[3])) return NaN;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

function apply(name: string): { ms: number; counts: ApplyCounts; durationMs: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [LAB_CLI, "apply", "--stack", "lab", "--name", name], { encoding: "utf8", timeout: 1_800_000, maxBuffer: 64 * 1024 * 1024 });
  const ms = Date.now() - t0;
  const m = SUMMARY.exec(r.stdout ?? "");
  if (r.status !== 0 || !m) throw new Error(`apply on lab ${name} failed (exit ${r.status ?? r.signal}):\n${(r.stdout ?? "").slice(-3000)}\n${(r.stderr ?? "").slice(-2000)}`);
  const [created, updated, replaced, deleted, unchanged] = m.slice(1, 6).map(Number);
  return { ms, counts: { created, updated, replaced, deleted, unchanged }, durationMs: pulumiDurationMs(r.stdout ?? "") };
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


/** One OS: the first up onto a blank host, the no-op ups, Lynis after the apply and on a blank host. */
export async function runApplyBench(opts: { os?: LabOsId; noopRuns?: number; withBlankLynis?: boolean; log?: (l: string) => void } = {}): Promise<ApplyBenchResult> {
  const labOs = opts.os ?? DEFAULT_LAB_OS;
  const log = (l: string): void => (opts.log ?? ((x: string) => console.log(x)))(`${labOs}: ${l}`);
  const name = `abench${process.pid % 1000}`.slice(0, 11);
  const blank = `ablank${process.pid % 1000}`.slice(0, 11);
  try {
    await labDown(name); // a host left by an interrupted run would make the "first" up a re-apply
    const up = await labUp({ name, os: labOs });
    if (up.alreadyRunning) throw new Error(`lab ${name} was still running after labDown: the first up would not be on a blank host`);
    const first = apply(name);
    log(`first pulumi up onto a blank host: ${(first.ms / 1000).toFixed(1)} s (pulumi's Duration ${(first.durationMs / 1000).toFixed(1)} s), ${first.counts.created} created`);
    const runs: number[] = [];
    let noopUnchanged = NaN;
    for (let i = 0; i < (opts.noopRuns ?? 3); i++) {
      const r = apply(name);
      const c = r.counts;
      if (c.created + c.updated + c.replaced + c.deleted !== 0) {
        throw new Error(`no-op up ${i + 1} was not a no-op: ${c.created} created, ${c.updated} updated, ${c.replaced} replaced, ${c.deleted} deleted`);
      }
      noopUnchanged = c.unchanged;
      runs.push(r.ms);
    }
    log(`no-op pulumi up (median of ${runs.length}): ${(median(runs) / 1000).toFixed(1)} s, 0 created/updated/replaced/deleted, ${noopUnchanged} unchanged`);
    const admin = JSON.parse(fs.readFileSync(path.join(up.stateDir, "admin.json"), "utf8")) as { user: string; privateKeyPath: string; hostKey: string };
    const lynisAfter = lynisIndex({ address: up.info.address, port: up.info.port, user: admin.user, privateKeyPath: admin.privateKeyPath, hostKey: admin.hostKey }, "sudo -n ");
    let lynisBlank = NaN;
    if (opts.withBlankLynis !== false) {
      const b = await labUp({ name: blank, os: labOs });
      lynisBlank = lynisIndex({ address: b.info.address, port: b.info.port, user: b.info.bootstrapUser, privateKeyPath: b.info.privateKeyPath, hostKey: b.info.hostKey }, "");
    }
    log(`Lynis hardening index after apply: ${lynisAfter}${Number.isNaN(lynisBlank) ? "" : ` (blank host: ${lynisBlank})`}`);
    return { os: labOs, firstApplyMs: first.ms, firstApplyCounts: first.counts, firstUpDurationMs: first.durationMs, noopReapplyMedianMs: median(runs), noopRuns: runs, noopUnchanged, lynisAfter, lynisBlank };
  } finally {
    await labDown(name);
    await labDown(blank);
  }
}

const APPLY = "node dist/src/cli/lab.js apply --stack lab --name N, whole command (4 config set --secret, pulumi up --policy-pack policies, stack history + output)";

/** One line per figure for the table. */
export function applyFigures(r: ApplyBenchResult): Figure[] {
  return [
    { label: "first pulumi up, blank lab host", value: `${(r.firstApplyMs / 1000).toFixed(1)} s`, how: `${APPLY}, wall, one run; pulumi's own Duration ${(r.firstUpDurationMs / 1000).toFixed(1)} s` },
    { label: "first pulumi up, resources created", value: String(r.firstApplyCounts.created), how: `the engine's count (apply done: …); ${r.firstApplyCounts.updated} updated, ${r.firstApplyCounts.replaced} replaced, ${r.firstApplyCounts.deleted} deleted` },
    { label: "no-op pulumi up", value: `${(r.noopReapplyMedianMs / 1000).toFixed(1)} s`, how: `${APPLY}, wall, median of ${r.noopRuns.length}; each 0 created/updated/replaced/deleted, ${r.noopUnchanged} unchanged` },
    { label: "Lynis hardening index, applied", value: String(r.lynisAfter), how: "lynis audit system --quick on the applied host (as the admin, sudo), hardening_index" },
    { label: "Lynis hardening index, blank", value: Number.isNaN(r.lynisBlank) ? "n/a" : String(r.lynisBlank), how: "the same on a second, blank lab host (root bootstrap login)" },
  ].map((f) => ({ ...f, label: `${r.os}: ${f.label}` }));
}

if (require.main === module) {
  runApplyBench({ withBlankLynis: !process.argv.includes("--no-blank"), os: process.argv.includes("--debian-12") ? "debian-12" : undefined }).then(
    () => process.exit(0),
    (err: Error) => {
      console.error(`apply bench: ${err.message}`);
      process.exit(1);
    },
  );
}
