import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { labDown, labUp } from "../src/lab/host/labHost";
import { DEFAULT_LAB_OS, LabOsId } from "../src/lab/image/labOs";
import { FIREWALL_ROLLBACK } from "../src/concerns/firewall/firewallRollback";
import { HOST_PATHS } from "../src/core/hostPaths";
import { SshTarget, sshClientArgs, writeKnownHosts } from "../src/lab/host/sshClientArgs";
import { Figure, seconds } from "./figureTable";

export interface FirewallBenchResult {
  os: LabOsId;
  /** `npm run lab -- apply` of a changed ruleset (the firewall step and the login that confirms it), whole command. */
  changeApplyMs: number;
  /** The firewall step alone, as pulumi reported it (nft -c, snapshot, arm, load). */
  firewallStepMs: number;
  /** The login that confirms it alone (disarm, persist), as pulumi reported it. */
  confirmStepMs: number;
  /** A ruleset that shuts the controller out: from the start of the up until the rollback fired (host clock, 1 s resolution). */
  lockoutRollbackMs: number;
  /** From the start of that up until the admin logs in again (polled once the up has ended). */
  lockoutToBackInMs: number;
  /** The same up, until it failed naming the rollback. */
  lockoutApplyMs: number;
}

const PROJECT = path.resolve(__dirname, "..", "..");
const LAB_CLI = path.join(PROJECT, "dist", "src", "cli", "lab.js");
const CFG = "ha-hardened-host:hosts[0]";

function apply(name: string, config: string[]): { ms: number; code: number | null; out: string } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [LAB_CLI, "apply", "--stack", "lab", "--name", name, ...config.flatMap((c) => ["--config", c])], { encoding: "utf8", timeout: 900_000, maxBuffer: 64 * 1024 * 1024 });
  return { ms: Date.now() - t0, code: r.status, out: (r.stdout ?? "") + (r.stderr ?? "") };
}

/** The seconds pulumi printed for a finished step (`lab-firewall updated (0.52s)`). */
function stepMs(out: string, step: string): number {
  const m = new RegExp(`command:remote:Command ${step} (?:created|updated) \\(([\\d.]+)s\\)`).exec(out);
  return m ? Number(m[1]) * 1000 : NaN;
}

function asAdmin(target: SshTarget, command: string): { ok: boolean; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hh-bench-"));
  try {
    const known = path.join(dir, "known_hosts");
    writeKnownHosts(known, target);
    const r = spawnSync("ssh", [...sshClientArgs(target, known, 3), command], { encoding: "utf8", timeout: 10_000, input: "" });
    return { ok: r.status === 0, out: r.stdout ?? "" };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One lab host: the lab stack applied, then a changed ruleset, then one that shuts the controller out. */
export async function runFirewallBench(opts: { os?: LabOsId; log?: (l: string) => void } = {}): Promise<FirewallBenchResult> {
  const labOs = opts.os ?? DEFAULT_LAB_OS;
  const log = (l: string): void => (opts.log ?? ((x: string) => console.log(x)))(`${labOs}: ${l}`);
  const name = `fwbench${process.pid % 1000}`.slice(0, 11);
  try {
    await labDown(name);
    const up = await labUp({ name, os: labOs });
    const first = apply(name, []);
    if (first.code !== 0) throw new Error(`the first apply on lab ${name} failed (exit ${first.code}):\n${first.out.slice(-3000)}`);
    const changed = apply(name, [`${CFG}.firewall.services.mqtt=true`]);
    if (changed.code !== 0) throw new Error(`the changed ruleset's apply failed (exit ${changed.code}):\n${changed.out.slice(-3000)}`);
    const r: FirewallBenchResult = {
      os: labOs,
      changeApplyMs: changed.ms,
      firewallStepMs: stepMs(changed.out, "lab-firewall"),
      confirmStepMs: stepMs(changed.out, "lab-verify-admin-login"),
      lockoutRollbackMs: NaN,
      lockoutToBackInMs: NaN,
      lockoutApplyMs: NaN,
    };
    log(`changed ruleset: ${seconds(r.changeApplyMs, 1)} (firewall step ${seconds(r.firewallStepMs)}, confirming login ${seconds(r.confirmStepMs)})`);
    const admin = JSON.parse(fs.readFileSync(path.join(up.stateDir, "admin.json"), "utf8")) as { user: string; privateKeyPath: string; hostKey: string };
    const target: SshTarget = { address: up.info.address, port: up.info.port, user: admin.user, privateKeyPath: admin.privateKeyPath, hostKey: admin.hostKey };
    const t0 = Date.now();
    const bad = apply(name, [`${CFG}.firewall.adminCidrs=["192.0.2.0/24"]`]);
    if (bad.code === 0 || !/the firewall change was rolled back at/.test(bad.out)) throw new Error(`the lockout apply did not fail with the rollback (exit ${bad.code}):\n${bad.out.slice(-3000)}`);
    r.lockoutApplyMs = bad.ms;
    for (let i = 0; i < 120 && !asAdmin(target, "true").ok; i++) await new Promise((res) => setTimeout(res, 1000));
    r.lockoutToBackInMs = Date.now() - t0;
    r.lockoutRollbackMs = Date.parse(asAdmin(target, `sudo -n cat ${HOST_PATHS.stateDir}/firewall-rolled-back`).out.trim()) - Math.floor(t0 / 1000) * 1000;
    log(`lockout: the rollback fired ${seconds(r.lockoutRollbackMs, 0)} after the up began; the up failed after ${seconds(r.lockoutApplyMs, 1)} naming it; the admin was back in after ${seconds(r.lockoutToBackInMs, 1)}`);
    return r;
  } finally {
    await labDown(name);
  }
}

const APPLY = "node dist/src/cli/lab.js apply --stack lab --name N --config …, wall, one run";

export function firewallFigures(r: FirewallBenchResult): Figure[] {
  return [
    { label: "firewall: changed ruleset, pulumi up", value: seconds(r.changeApplyMs, 1), how: `${APPLY} (firewall.services.mqtt=true: the firewall step and the login that confirms it)` },
    { label: "firewall: the firewall step", value: seconds(r.firewallStepMs), how: "pulumi's own time for it: nft -c, snapshot, rollback armed, nft -f" },
    { label: "firewall: the confirming login", value: seconds(r.confirmStepMs), how: "pulumi's own time for verify-admin-login: a new SSH login, disarm, persist for boot" },
    { label: "firewall: lockout, rollback fired", value: seconds(r.lockoutRollbackMs, 0), how: `from the start of that up (adminCidrs without the controller) until the timer (${FIREWALL_ROLLBACK.seconds} s after the load) restored the table; the host's marker, 1 s resolution` },
    { label: "firewall: lockout, up fails", value: seconds(r.lockoutApplyMs, 1), how: `${APPLY} (adminCidrs without the controller); it fails naming the rollback (timer ${FIREWALL_ROLLBACK.seconds} s)` },
    { label: "firewall: lockout, admin back in", value: seconds(r.lockoutToBackInMs, 1), how: "from the start of that up until the controller's admin login works again (polled every second once the up has ended)" },
  ].map((f) => ({ ...f, label: `${r.os}: ${f.label}` }));
}

if (require.main === module) {
  runFirewallBench({ os: process.argv.includes("--debian-12") ? "debian-12" : undefined }).then(
    (r) => {
      for (const f of firewallFigures(r)) console.log(`${f.label}: ${f.value} (${f.how})`);
      process.exit(0);
    },
    (err: Error) => {
      console.error(`firewall bench: ${err.message}`);
      process.exit(1);
    },
  );
}
