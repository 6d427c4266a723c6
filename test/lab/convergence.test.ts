import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HOST_PATHS } from "../../src/host/hostPaths";
import { labDown, LabHostInfo, labUp } from "../../src/lab/host/labHost";
import { asAdmin, labApply, labApplyKilledAfter, Login, seededRandom, uniqueLabName } from "./labProbe";

/**
 * Two fresh lab hosts from the same stack and the same identity: one applied straight through, the other
 * SIGKILLed at a seeded random step and applied again. Both must end with byte-identical managed files.
 * Replay a failure with HH_KILL_SEED=<seed printed in the failure>.
 */
const STACK = process.env.HH_LAB_STACK ?? "lab";
const SEED = Number(process.env.HH_KILL_SEED ?? Date.now() % 1_000_000);
const SUMMARY = /apply done: .*; (\d+) remote command\(s\)/;

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
  const files = [HOST_PATHS.sshdDropIn, `${HOST_PATHS.hostKeyDir}/*`, `${HOST_PATHS.sudoersDir}/*`, HOST_PATHS.moduli, `/home/${admin.user}/.ssh/authorized_keys`];
  return asAdmin(admin, `sudo -n sh -c 'sha256sum ${files.join(" ")}; getent passwd ${admin.user} homeassistant; id ${admin.user}; id homeassistant'`);
}

beforeAll(() => {
  identityDir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-identity-"));
});

afterAll(async () => {
  for (const lab of labs) await labDown(lab.name);
  fs.rmSync(identityDir, { recursive: true, force: true });
}, 180_000);

let straightApply = "";
let straightLab: Lab | undefined;

test(`an apply SIGKILLed at a random step converges on re-run, and matches a host applied straight through (seed ${SEED})`, async () => {
  const straight = await up("cs");
  const first = labApply(straight.name, STACK, ["--identity", identityDir]);
  expect(first.code).toBe(0);
  straightApply = first.stdout;
  straightLab = straight;
  const stepCount = first.stdout.split("\n").filter((l) => /^ {2}create\s/.test(l)).length;
  expect(stepCount).toBeGreaterThan(3);

  const killed = await up("ck");
  const rand = seededRandom(SEED);
  const afterLines = Math.floor(rand() * stepCount); // 0 .. stepCount-1 finished steps, then the kill lands in the next
  const delayMs = Math.floor(rand() * 400); // somewhere inside that next step (steps take 0.2-3 s)
  const k = await labApplyKilledAfter(killed.name, STACK, afterLines, delayMs, ["--identity", identityDir]);
  expect({ seed: SEED, afterLines, delayMs, killed: k.killed }).toEqual({ seed: SEED, afterLines, delayMs, killed: true });

  const rerun = labApply(killed.name, STACK, ["--identity", identityDir]);
  if (rerun.code !== 0) throw new Error(`seed ${SEED}: killed ${delayMs} ms after ${afterLines} step(s), the re-run failed:\n${rerun.stdout}\n${rerun.stderr}`);
  const settled = labApply(killed.name, STACK, ["--identity", identityDir]);
  expect(SUMMARY.exec(settled.stdout)?.[1]).toBe("0");

  expect(managedFiles(killed)).toEqual(managedFiles(straight));
}, 900_000);

test("an apply killed after the bootstrap sshd step switched the host key, but before its state was saved, converges: the re-run's pinned bootstrap login waits for the sshd rollback", async () => {
  if (!straightLab) throw new Error("the straight-through apply of the previous test did not run");
  const steps = straightApply.split("\n").filter((l) => /^ {2}create\s/.test(l));
  const sshdIndex = steps.findIndex((l) => /bootstrap-sshd-config/.test(l));
  expect(sshdIndex).toBeGreaterThan(0);
  const lab = await up("cw");
  // Stop right after the step that switched the host key: the next step (the new admin login) has not disarmed the rollback.
  const k = await labApplyKilledAfter(lab.name, STACK, sshdIndex + 1, 0, ["--identity", identityDir]);
  expect(k.killed).toBe(true);
  const admin = { ...adminOf(straightLab), address: lab.info.address, port: lab.info.port };
  expect(asAdmin(admin, `systemctl is-active ${HOST_PATHS.rollbackUnit}.timer || true`).trim()).toBe("active");
  // Now forget that step, as if the kill had landed between the remote exit and the state write.
  const stateFile = path.join(lab.stateDir, `apply-state.${STACK}.json`);
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
  const urn = state.resources.find((r: { urn: string }) => r.urn.endsWith("bootstrap-sshd-config")).urn;
  state.resources = state.resources.filter((r: { urn: string }) => r.urn !== urn);
  state.pendingOperations = [{ urn, op: "create", startedAt: new Date().toISOString() }];
  fs.writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });

  const rerun = labApply(lab.name, STACK, ["--identity", identityDir], 400_000);
  if (rerun.code !== 0) throw new Error(`the re-run failed:\n${rerun.stdout}\n${rerun.stderr}`);
  expect(rerun.stdout + rerun.stderr).toMatch(/presented host key .*retrying/);
  const settled = labApply(lab.name, STACK, ["--identity", identityDir]);
  expect(SUMMARY.exec(settled.stdout)?.[1]).toBe("0");
  expect(managedFiles(lab)).toEqual(managedFiles(straightLab));
}, 900_000);
