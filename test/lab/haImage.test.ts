import * as fs from "fs";
import { tmpdir as osTmp } from "os";
import * as path from "path";
import { buildHaImage, HaImage } from "../../src/lab/haImage/buildHaImage";
import { adminRootShell, GuestShell, mustRun } from "../../src/lab/haImage/guestShell";
import { HA_IMAGE_COVERAGE } from "../../src/lab/haImage/haImageCoverage";
import { LoadedHaImage } from "../../src/lab/haImage/loadHaImageRootless";
import { rootlessPodman } from "../../src/concerns/homeassistant/rootlessPodman";
import { SUBORDINATE_RANGE } from "../../src/concerns/homeassistant/haPackages";
import { HA_CONFIG_DIR, HA_USER, runHaInLab } from "../../src/lab/haImage/runHaInLab";
import { HaAnswer } from "../../src/lab/haImage/waitForHaOnboarding";
import { labDown, labUp, LabUpResult } from "../../src/lab/host/labHost";
import { LabOsId } from "../../src/lab/image/labOs";
import { runCommand } from "../../src/lab/host/runCommand";
import { labApply, uniqueLabName } from "./labProbe";

// A real, hardened lab host running the real Home Assistant rootless under podman; needs root, the lab packages,
// the engine and (the first time) PyPI and Debian's archive. If anything cannot start, every test fails with the reason.
const USER = HA_USER;
const CONFIG_DIR = HA_CONFIG_DIR;
const controllerFuseMode = fs.statSync("/dev/fuse").mode & 0o777;

interface Ready {
  lab: LabUpResult;
  shell: GuestShell;
  image: HaImage;
  loaded: LoadedHaImage;
  answer: HaAnswer;
}


describe.each<LabOsId>(["debian-13", "debian-12"])("Home Assistant under rootless podman in a lab guest on %s", (os) => {
  const name = uniqueLabName(`ha${os.slice(-2)}`);
  let ready: Ready | undefined;
  let setupError: Error | undefined;
  let tmp: string;

  function up(): Ready {
    if (!ready) throw new Error(`Home Assistant could not be started in the lab: ${setupError?.message ?? "unknown reason"}`);
    return ready;
  }

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(osTmp(), "ha-image-test-"));
    try {
      const image = await buildHaImage();
      const lab = await labUp({ name, os });
      const { info } = lab;
      // The hardened host: the stack applied, so the homeassistant user is the one the accounts concern creates.
      // Home Assistant is started by hand here, not by the stack: its port is opened to the LAN as a user's LAN service.
      const applied = labApply(name, "lab", ["--config", `ha-hardened-host:hosts[0].firewall.lanServices=${JSON.stringify([{ name: "ha-by-hand", protocol: "tcp", port: 8123 }])}`]);
      if (applied.code !== 0) throw new Error(`lab apply exited ${applied.code}: ${applied.stderr.trim().split("\n").slice(-5).join(" | ")}`);
      const shell = adminRootShell(lab.stateDir, info, path.join(tmp, "known_hosts"));
      const { loaded, answer } = await runHaInLab(info, image, shell);
      ready = { lab, shell, image, loaded, answer };
    } catch (err) {
      setupError = err as Error;
    }
  }, 45 * 60_000);

  afterAll(async () => {
    await labDown(name).catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 120_000);

  test("a client on the LAN gets Home Assistant's own onboarding steps from port 8123, none done", () => {
    const { answer } = up();
    expect(answer.steps.map((s) => s.step)).toEqual(["user", "core_config", "analytics", "integration"]);
    expect(answer.steps.every((s) => s.done === false)).toBe(true);
  });

  test("the image podman holds is the one built, pinned by its manifest digest", async () => {
    const { shell, image, loaded } = up();
    expect(loaded.digest).toBe(image.manifestDigest);
    const ps = await mustRun(shell, "podman ps", rootlessPodman(USER, ["ps", "--format", "{{.Names}} {{.ImageID}} {{.Image}}"]));
    expect(ps.trim()).toBe(`homeassistant ${image.configDigest.slice(7, 19)} ${loaded.pinned}`);
    // root's podman holds nothing: the container belongs to the user alone.
    expect((await mustRun(shell, "root's podman", "podman ps -a -q")).trim()).toBe("");
  });

  test("the Home Assistant process runs on the machine under the homeassistant user's UID, not root", async () => {
    const { shell, lab } = up();
    const uid = Number((await mustRun(shell, "id", `id -u ${USER}`)).trim());
    expect(uid).toBeGreaterThan(0);
    const runtime = JSON.parse(fs.readFileSync(path.join(lab.stateDir, "runtime.json"), "utf8")) as { nspawnPid: number };
    const table = (await runCommand("ps", ["-e", "-o", "pid=,ppid=,uid=,args="])).stdout;
    const rows = table.split("\n").filter(Boolean).map((l) => {
      const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(l)!;
      return { pid: +m[1], ppid: +m[2], uid: +m[3], args: m[4] };
    });
    const byPid = new Map(rows.map((r) => [r.pid, r]));
    const inThisGuest = (pid: number): boolean => {
      for (let p = pid, hops = 0; p > 1 && hops < 64; p = byPid.get(p)?.ppid ?? 0, hops++) if (p === runtime.nspawnPid) return true;
      return false;
    };
    const ha = rows.filter((r) => r.args.includes("-m homeassistant --config /config --skip-pip") && inThisGuest(r.pid));
    expect(ha).toHaveLength(1);
    const own = ha[0].uid === uid;
    const subordinate = ha[0].uid >= SUBORDINATE_RANGE.start && ha[0].uid < SUBORDINATE_RANGE.start + SUBORDINATE_RANGE.count;
    expect({ uid: ha[0].uid, ownOrSubordinate: own || subordinate }).toEqual({ uid: ha[0].uid, ownOrSubordinate: true });
    expect(ha[0].uid).not.toBe(0);
  });

  test("the guest's /dev/fuse is its own node, 0666 as on a Debian box, and the controller's keeps its mode", async () => {
    const { shell } = up();
    expect((await mustRun(shell, "stat", "stat -c '%F %a %t:%T' /dev/fuse")).trim()).toBe("character special file 666 a:e5");
    expect(fs.statSync("/dev/fuse").mode & 0o777).toBe(controllerFuseMode);
  });

  test("the container belongs to the service user the stack created: a system user without a login shell", async () => {
    const { shell } = up();
    const [, , uid, , , home, loginShell] = (await mustRun(shell, "getent", `getent passwd ${USER}`)).trim().split(":");
    expect({ home, loginShell }).toEqual({ home: "/var/lib/homeassistant", loginShell: "/usr/sbin/nologin" });
    expect(Number(uid)).toBeLessThan(1000);
  });

  test("the config directory is the user's, 0750, and Home Assistant writes its state there", async () => {
    const { shell } = up();
    expect((await mustRun(shell, "stat", `stat -c '%U %a' ${CONFIG_DIR}`)).trim()).toBe(`${USER} 750`);
    expect((await mustRun(shell, "ls", `ls -A ${CONFIG_DIR}`)).split("\n")).toEqual(expect.arrayContaining(["configuration.yaml", ".storage", "home-assistant.log"]));
  });

  test("every integration the image covers set up; only the ones it names as not covered failed", async () => {
    const { shell } = up();
    const notCovered = HA_IMAGE_COVERAGE.notCovered.map((n) => n.name).sort();
    // Setup goes on after the first answer: wait (bounded) until each expected failure is logged, then compare.
    let failed: string[] = [];
    for (let i = 0; i < 60; i++) {
      const log = await mustRun(shell, "read the log", `cat ${CONFIG_DIR}/home-assistant.log`);
      const failures = /Setup failed for '([a-z0-9_]+)'|Error during setup of component ([a-z0-9_]+)|Unable to prepare setup for platform '([a-z0-9_]+)\./g;
      failed = [...new Set([...log.matchAll(failures)].map((m) => m[1] ?? m[2] ?? m[3]))].sort();
      if (notCovered.every((n) => failed.includes(n))) break;
      await new Promise((res) => setTimeout(res, 1_000));
    }
    const covered = new Set<string>(HA_IMAGE_COVERAGE.integrations);
    expect(failed.filter((d) => covered.has(d))).toEqual([]);
    expect(failed).toEqual(notCovered);
  }, 180_000);
});
