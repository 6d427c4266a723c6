import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { labDown, labInfo, labUp, LabUpResult } from "../../src/lab/host/labHost";
import { labNetworkLeftovers } from "../../src/lab/net/labNetwork";
import { processCommandLine } from "../../src/lab/host/processControl";
import { runCommand, RunResult } from "../../src/lab/host/runCommand";
import { SshTarget, sshClientArgs, writeKnownHosts } from "../../src/lab/host/sshClientArgs";

// A real lab host (nspawn + namespaces); needs root and the packages from .ci/install-lab-deps.sh.
// If it cannot start, every test here fails with the reason: never skipped.
const NAME = "t-labhost";
const SECOND = "t-labhost2";
let lab: LabUpResult | undefined;
let upError: Error | undefined;
let tmp: string;

function up(): LabUpResult {
  if (!lab) throw new Error(`the lab could not start: ${upError?.message ?? "unknown reason"}`);
  return lab;
}

function bootstrapTarget(): SshTarget {
  const { info } = up();
  return { address: info.address, port: info.port, user: info.bootstrapUser, privateKeyPath: info.privateKeyPath, hostKey: info.hostKey };
}

async function guest(script: string, target = bootstrapTarget()): Promise<RunResult> {
  const kh = path.join(tmp, `kh-${Math.random().toString(36).slice(2)}`);
  writeKnownHosts(kh, target);
  return runCommand("ssh", [...sshClientArgs(target, kh), script], { allowFailure: true, timeoutMs: 120_000 });
}

async function inNetns(ns: string, script: string): Promise<RunResult> {
  return runCommand("ip", ["netns", "exec", ns, "timeout", "5", "bash", "-c", script], { allowFailure: true });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "labhost-test-"));
  try {
    await labDown(NAME);
    lab = await labUp({ name: NAME });
  } catch (err) {
    upError = err as Error;
  }
}, 20 * 60_000);

afterAll(async () => {
  await labDown(NAME).catch(() => undefined);
  await labDown(SECOND).catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
}, 120_000);

describe("lab host (real systemd-nspawn guest)", () => {
  test("up reports the fresh box's login and writes the same JSON to host.json, so other commands can find it", () => {
    const { info, stateDir } = up();
    expect(Object.keys(info).sort()).toEqual(["address", "address6", "bootstrapUser", "hostKey", "name", "netns", "os", "port", "privateKeyPath"]);
    expect(info).toMatchObject({ name: NAME, port: 22, bootstrapUser: "root", os: "debian-13" });
    expect(info.address).toMatch(/^198\.1[89]\./);
    expect(info.hostKey).toMatch(/^ssh-ed25519 [A-Za-z0-9+/=]+$/);
    expect(JSON.parse(fs.readFileSync(path.join(stateDir, "host.json"), "utf8"))).toEqual(info);
    expect(labInfo(NAME)).toEqual(info);
    expect(fs.statSync(info.privateKeyPath).mode & 0o777).toBe(0o600);
  });

  test("the bootstrap key logs in as root with the host key pinned, as on a freshly imaged box", async () => {
    const r = await guest("id -u; cat /proc/1/comm");
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n").slice(0, 2)).toEqual(["0", "systemd"]);
  });

  test("a host key other than the pinned one is refused, so a wrong box is never trusted", async () => {
    const other = path.join(tmp, "other_ed25519");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", other]);
    const wrongKey = fs.readFileSync(`${other}.pub`, "utf8").split(" ").slice(0, 2).join(" ");
    const r = await guest("true", { ...bootstrapTarget(), hostKey: wrongKey });
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/Host key verification failed/);
  });

  test("the LAN and WAN client namespaces reach the host's SSH port through the router", async () => {
    const { info } = up();
    for (const ns of [info.netns.lan, info.netns.wan]) {
      const r = await inNetns(ns, `</dev/tcp/${info.address}/22`);
      expect({ ns, code: r.code, err: r.stderr }).toEqual({ ns, code: 0, err: "" });
    }
  });

  test("the guest has no route outside 198.18.0.0/15 and 2001:2::/48: a connect to 192.0.2.1 or 2001:db8::1 is refused for want of a route, it does not hang", async () => {
    const routes = (await guest("ip -4 route show; echo ---; ip -6 route show")).stdout;
    const [v4, v6] = routes.split("---");
    expect(v4).not.toMatch(/default/);
    for (const line of v4.trim().split("\n")) expect(line).toMatch(/^198\.1[89]\./);
    // IPv6: loopback, link-local, the lab's own LAN on-link and its block via the router; nothing else.
    expect(v6).not.toMatch(/default/);
    for (const line of v6.trim().split("\n").filter(Boolean)) expect(line).toMatch(/^(::1|fe80::\/64|2001:2:0:[0-9a-f]+::\/64|2001:2::\/48) /);
    // timeout(1) exits 124 when the connect hangs; with no route the kernel refuses it before any packet leaves.
    for (const target of ["192.0.2.1", "2001:db8::1"]) {
      const r = await guest(`timeout 5 bash -c '</dev/tcp/${target}/80' 2>&1; echo rc=$?`);
      expect({ target, unreachable: /Network is unreachable/.test(r.stdout), rc: /rc=(0|124)$/m.test(r.stdout) }).toEqual({ target, unreachable: true, rc: false });
    }
  });

  test("apt-get update and install sudo work offline from the lab mirror, the provisioning's real path", async () => {
    const before = await guest("command -v sudo || echo absent");
    expect(before.stdout.trim()).toBe("absent");
    // First without `apt-get update`: the image's lists already describe the mirror, as on a fresh box.
    const r = await guest("DEBIAN_FRONTEND=noninteractive apt-get install -y -q sudo >/dev/null && sudo -n true && echo sudo-ok");
    expect({ code: r.code, out: r.stdout.trim() }).toEqual({ code: 0, out: "sudo-ok" });
    expect(r.stderr).not.toMatch(/^E: /m);
    const update = await guest("apt-get update -q 2>&1; echo rc=$?");
    expect(update.stdout).toMatch(/198\.18\.0\.1/);
    expect(update.stdout).not.toMatch(/^(E|W): /m);
    expect(update.stdout).toMatch(/rc=0\s*$/);
  }, 180_000);

  test("two hosts from the same cached image get different host keys and machine-ids", async () => {
    const second = await labUp({ name: SECOND });
    try {
      expect(second.info.hostKey).not.toBe(up().info.hostKey);
      expect(second.info.address).not.toBe(up().info.address);
      const idA = (await guest("cat /etc/machine-id")).stdout.trim();
      const idB = (await guest("cat /etc/machine-id", { ...bootstrapTarget(), address: second.info.address, privateKeyPath: second.info.privateKeyPath, hostKey: second.info.hostKey })).stdout.trim();
      expect(idA).toMatch(/^[0-9a-f]{32}$/);
      expect(idB).toMatch(/^[0-9a-f]{32}$/);
      expect(idA).not.toBe(idB);
    } finally {
      await labDown(SECOND);
    }
  }, 120_000);

  test("down stops the guest and mirror and leaves no namespace, link or state; a second down says nothing was there", async () => {
    const { plan, stateDir } = up();
    const rt = JSON.parse(fs.readFileSync(path.join(stateDir, "runtime.json"), "utf8"));
    expect(await labDown(NAME)).toBe(true);
    expect(await labNetworkLeftovers(plan)).toEqual([]);
    expect(fs.existsSync(stateDir)).toBe(false);
    for (const pid of [rt.nspawnPid, rt.mirrorPid]) {
      const cmd = processCommandLine(pid);
      // Gone, or a zombie awaiting a reaper (PID 1 here may not reap): either way nothing runs.
      expect(cmd === undefined || cmd === "").toBe(true);
    }
    expect(fs.readFileSync("/proc/self/mounts", "utf8")).not.toContain(stateDir);
    expect(await labDown(NAME)).toBe(false);
  }, 60_000);
});
