import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HOST_PATHS } from "../../src/core/hostPaths";
import { SSHD_ROLLBACK } from "../../src/concerns/ssh/sshdRollback";
import { UPDATES_PATHS } from "../../src/concerns/updates/updatesPaths";
import { labDown, LabHostInfo, labUp } from "../../src/lab/host/labHost";
import { applyCounts, asAdmin, createdSteps, labApply, labApplyKilledAfter, labPulumi, Login, seededRandom, uniqueLabName } from "./labProbe";

/**
 * Two fresh lab hosts from the same stack and the same identity: one applied straight through, the other
 * `pulumi up` SIGKILLed (the whole process group) at a seeded random step, recovered with exactly the commands
 * the README gives, and applied again. Both must end with byte-identical managed files.
 * Replay a failure with HH_KILL_SEED=<seed printed in the failure>.
 */
const STACK = process.env.HH_LAB_STACK ?? "lab";
const SEED = Number(process.env.HH_KILL_SEED ?? Date.now() % 1_000_000);
const NO_CHANGES = { created: 0, updated: 0, replaced: 0, deleted: 0 };

/** What the README tells a user to type after an interrupted `pulumi up`, then the up itself. */
function recoverAndApply(lab: Lab, timeoutMs = 600_000): { code: number | null; output: string } {
  const cancel = labPulumi(lab.name, ["cancel", "--yes", "--non-interactive"], STACK);
  const refresh = labPulumi(lab.name, ["refresh", "--clear-pending-creates", "--yes", "--non-interactive"], STACK);
  const up = labApply(lab.name, STACK, ["--identity", identityDir], timeoutMs);
  return { code: refresh.code === 0 ? up.code : refresh.code, output: [cancel, refresh, up].map((r) => r.stdout + r.stderr).join("\n") };
}

function deployment(lab: Lab): { resources: { urn: string; dependencies?: string[] }[]; pending_operations?: unknown[] } & Record<string, unknown> {
  return JSON.parse(labPulumi(lab.name, ["stack", "export"], STACK).stdout).deployment;
}

interface Lab {
  name: string;
  info: LabHostInfo;
  stateDir: string;
}
const labs: Lab[] = [];
let identityDir: string;

async function up(prefix: string): Promise<Lab> {
  const name = uniqueLabName(prefix);
  try {
    const r = await labUp({ name, log: () => undefined });
    const lab = { name, info: r.info, stateDir: r.stateDir };
    labs.push(lab);
    return lab;
  } catch (e) {
    throw new Error(`the lab host ${name} could not start, so the convergence test cannot run: ${(e as Error).message}`);
  }
}

function adminOf(lab: Lab): Login {
  const a = JSON.parse(fs.readFileSync(path.join(lab.stateDir, "admin.json"), "utf8")) as { user: string; privateKeyPath: string; hostKey: string };
  return { address: lab.info.address, port: lab.info.port, user: a.user, keyPath: a.privateKeyPath, hostKey: a.hostKey };
}

/** sha256 of every file the stack manages, and the managed users' passwd lines. */
function managedFiles(lab: Lab): string {
  const admin = adminOf(lab);
  const files = [HOST_PATHS.sshdDropIn, `${HOST_PATHS.hostKeyDir}/*`, `${HOST_PATHS.sudoersDir}/*`, HOST_PATHS.moduli, `/home/${admin.user}/.ssh/authorized_keys`, UPDATES_PATHS.aptConf];
  return asAdmin(admin, `sudo -n sh -c 'sha256sum ${files.join(" ")}; getent passwd ${admin.user} homeassistant; id ${admin.user}; id homeassistant'`);
}

beforeAll(() => {
  identityDir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-identity-"));
});

afterAll(async () => {
  for (const lab of labs) await labDown(lab.name);
  fs.rmSync(identityDir, { recursive: true, force: true });
}, 180_000);

let straightLab: Lab | undefined;

test(`pulumi up SIGKILLed at a random step converges after the README's recovery, and matches a host applied straight through (seed ${SEED})`, async () => {
  const straight = await up("cs");
  const first = labApply(straight.name, STACK, ["--identity", identityDir]);
  expect(first.code).toBe(0);
  straightLab = straight;
  const stepCount = createdSteps(first.stdout).length;
  expect(stepCount).toBeGreaterThan(3);

  const killed = await up("ck");
  const rand = seededRandom(SEED);
  const afterLines = Math.floor(rand() * stepCount); // 0 .. stepCount-1 finished steps, then the kill lands in the next
  const delayMs = Math.floor(rand() * 400); // somewhere inside that next step (steps take 0.2-3 s)
  const k = await labApplyKilledAfter(killed.name, STACK, afterLines, delayMs, ["--identity", identityDir]);
  expect({ seed: SEED, afterLines, delayMs, killed: k.killed }).toEqual({ seed: SEED, afterLines, delayMs, killed: true });

  const rerun = recoverAndApply(killed);
  if (rerun.code !== 0) throw new Error(`seed ${SEED}: killed ${delayMs} ms after ${afterLines} step(s), the recovery failed:\n${rerun.output}`);
  const settled = labApply(killed.name, STACK, ["--identity", identityDir]);
  expect(applyCounts(settled.stdout)).toMatchObject(NO_CHANGES);
  expect(deployment(killed).pending_operations ?? []).toEqual([]);

  expect(managedFiles(killed)).toEqual(managedFiles(straight));
}, 900_000);

test("an up cut off after the bootstrap sshd step switched the host key, but before the engine recorded it, converges after the README's recovery, whether the re-run's pinned bootstrap login comes before or after the sshd rollback", async () => {
  if (!straightLab) throw new Error("the straight-through apply of the previous test did not run");
  const lab = await up("cw");
  // Stop exactly after the bootstrap phase: the new admin login that would disarm the sshd rollback, and all that
  // follows it, is excluded, so nothing confirms the host key switch (no kill racing the next step).
  const urns = deployment(straightLab).resources.map((r) => r.urn);
  const firstLogin = urns.find((u) => u.endsWith("::lab-verify-login"));
  expect(firstLogin).toBeDefined();
  // The pack judges the whole stack and would refuse one whose later steps are left out: for this one cut-short
  // run every policy reports without blocking; the recovery below runs under the pack as always.
  const packConfig = path.join(lab.stateDir, "advisory-pack.json");
  fs.writeFileSync(packConfig, JSON.stringify({ all: "advisory" }));
  const cutShort = labApply(lab.name, STACK, ["--identity", identityDir, "--", "--exclude", firstLogin!, "--exclude-dependents", "--policy-pack-config", packConfig]);
  if (cutShort.code !== 0) throw new Error(`the bootstrap-only up failed:\n${cutShort.stdout}${cutShort.stderr}`);
  expect(createdSteps(cutShort.stdout).some((l) => /bootstrap-sshd-config$/.test(l))).toBe(true);
  expect(createdSteps(cutShort.stdout).some((l) => /verify-login$/.test(l))).toBe(false);
  const admin = { ...adminOf(straightLab), address: lab.info.address, port: lab.info.port };
  // Unconfirmed: the rollback is armed, or (on a very slow machine) has already fired.
  const unconfirmed = `if systemctl is-active --quiet ${SSHD_ROLLBACK.unit}.timer; then echo armed; elif sudo -n test -e ${HOST_PATHS.stateDir}/rolled-back; then echo fired; else echo confirmed; fi`;
  expect(asAdmin(admin, unconfirmed).trim()).toMatch(/^(armed|fired)$/);
  // The engine must not know that the step finished, as if the cut had landed between the remote exit and the
  // state write: the step and what depends on it leave the state and a pending create names it (pulumi stack import).
  const exported = JSON.parse(labPulumi(lab.name, ["stack", "export"], STACK).stdout);
  const resources = (exported.deployment.resources ?? []) as { urn: string; dependencies?: string[] }[];
  const cut = resources.find((r) => r.urn.endsWith("::lab-bootstrap-sshd-config"));
  expect(cut).toBeDefined();
  const dropped = new Set([cut!.urn]);
  for (const r of resources) if ((r.dependencies ?? []).some((d) => dropped.has(d))) dropped.add(r.urn);
  exported.deployment.resources = resources.filter((r) => !dropped.has(r.urn));
  exported.deployment.pending_operations = [{ resource: cut, type: "creating" }];
  const file = path.join(lab.stateDir, "cut.json");
  fs.writeFileSync(file, JSON.stringify(exported), { mode: 0o600 });
  expect(labPulumi(lab.name, ["stack", "import", "--file", file], STACK).code).toBe(0);
  expect(deployment(lab).resources.some((r) => r.urn.endsWith("::lab-bootstrap-sshd-config"))).toBe(false);

  const rerun = recoverAndApply(lab, 600_000);
  if (rerun.code !== 0) throw new Error(`the recovery failed:\n${rerun.output}`);
  const settled = labApply(lab.name, STACK, ["--identity", identityDir]);
  expect(applyCounts(settled.stdout)).toMatchObject(NO_CHANGES);
  expect(managedFiles(lab)).toEqual(managedFiles(straightLab));
}, 900_000);
