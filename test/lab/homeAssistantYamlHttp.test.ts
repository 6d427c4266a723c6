import * as fs from "fs";
import { tmpdir as osTmp } from "os";
import * as path from "path";
import { HA_PATHS } from "../../src/concerns/homeassistant/haPaths";
import { LAB_HA_OWNER, labHaSecrets } from "../../src/lab/apply/labHaIdentity";
import { buildHaImage } from "../../src/lab/haImage/buildHaImage";
import { adminRootShell, GuestShell, mustRun } from "../../src/lab/haImage/guestShell";
import { HA_IMAGE_PINS_YAML_HTTP } from "../../src/lab/haImage/haImagePins";
import { prepareHaGuest } from "../../src/lab/haImage/prepareHaGuest";
import { labDown, LabHostInfo, labUp } from "../../src/lab/host/labHost";
import { curl, loginFlow, untilStatus } from "./haProbe";
import { applyCounts, freshSource, labApply, uniqueLabName } from "./labProbe";

/**
 * The stack's Home Assistant on a release before 2026.8 (the newest such, built here like the newest one), which
 * reads its http settings from YAML at every start instead of keeping them in its own store: the apply writes
 * them as a package and restarts it once the owner exists, and every `up` reads that package back.
 */
const HA = "ha-hardened-host:hosts[0].homeAssistant";
const PACKAGES = `${HA_PATHS.configDir}/${HA_PATHS.packagesDir}`;
const HTTP_PACKAGE = `${PACKAGES}/${HA_PATHS.httpPackage}`;
const USER = HA_PATHS.user;
const NO_CHANGES = { created: 0, updated: 0, replaced: 0, deleted: 0 };
const name = uniqueLabName("hay");

interface Ready {
  info: LabHostInfo;
  shell: GuestShell;
  haConfig: string[];
  password: string;
  apply: { code: number | null; stdout: string; stderr: string };
  second: { code: number | null; stdout: string; stderr: string };
}
let ready: Ready | undefined;
let setupError: Error | undefined;
let tmp: string;

function up(): Ready {
  if (!ready) throw new Error(`Home Assistant ${HA_IMAGE_PINS_YAML_HTTP.homeassistant} could not be installed in the lab: ${setupError?.message ?? "unknown reason"}`);
  return ready;
}
const base = () => `http://${up().info.address}:8123`;
const tail = (r: { code: number | null; stdout: string; stderr: string }) => (r.code === 0 ? "" : (r.stdout + r.stderr).split("\n").slice(-30).join("\n"));

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(osTmp(), "ha-yaml-lab-test-"));
  try {
    const [image, lab] = await Promise.all([buildHaImage({ pins: HA_IMAGE_PINS_YAML_HTTP }), labUp({ name, log: () => undefined })]);
    const first = labApply(name, "lab");
    if (first.code !== 0) throw new Error(`the hardening apply exited ${first.code}: ${first.stderr.trim().split("\n").slice(-5).join(" | ")}`);
    const shell = adminRootShell(lab.stateDir, lab.info, path.join(tmp, "known_hosts"));
    const loaded = await prepareHaGuest(shell, image, "debian-13");
    // Only integrations the image covers (default_config would ask for requirements it leaves out).
    await mustRun(shell, "the user's own configuration", `install -d -o ${USER} -g ${USER} -m 0750 ${HA_PATHS.configDir} && printf 'frontend:\\napi:\\nwebsocket_api:\\nonboarding:\\n' | install -o ${USER} -g ${USER} -m 0640 /dev/stdin ${HA_PATHS.configDir}/configuration.yaml`);
    const haConfig = ["--config", `${HA}.image=${loaded.pinned}`];
    const apply = labApply(name, "lab", haConfig, 25 * 60_000);
    const second = apply.code === 0 ? labApply(name, "lab", haConfig) : apply;
    ready = { info: lab.info, shell, haConfig, password: labHaSecrets(path.join(lab.stateDir, "identity")).password, apply, second };
  } catch (err) {
    setupError = err as Error;
  }
}, 60 * 60_000);

afterAll(async () => {
  await labDown(name).catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
}, 120_000);

test(`Home Assistant ${HA_IMAGE_PINS_YAML_HTTP.homeassistant} is installed and onboarded by the apply, and a second apply of the same stack changes nothing (its store still holding the first start's settings is no drift)`, () => {
  const { apply, second } = up();
  expect({ code: apply.code, tail: tail(apply) }).toEqual({ code: 0, tail: "" });
  expect(second.stdout).not.toContain("differ from the stack");
  expect(applyCounts(second.stdout)).toMatchObject(NO_CHANGES);
});

test("the http settings are a package owned by homeassistant, 0640, the first-start package and the restart marker are gone, and the owner logs in from the LAN (Home Assistant restarted off the loopback binding)", async () => {
  const { info, shell, password } = up();
  expect(await mustRun(shell, "the http package", `stat -c '%U:%G %a' ${HTTP_PACKAGE} && cat ${HTTP_PACKAGE}`)).toBe(
    `${HA_PATHS.user}:${HA_PATHS.user} 640\nhttp:\n  server_port: 8123\n  ip_ban_enabled: true\n  login_attempts_threshold: 5\n`,
  );
  expect(await mustRun(shell, "what else is in the package directory", `ls -A ${PACKAGES}`)).toBe(`${HA_PATHS.httpPackage}\n`);
  expect(loginFlow(info.netns.lan, base(), LAB_HA_OWNER.username, password).type).toBe("create_entry");
});

test("a threshold edited in the http package is reported by the next up and set back by it, with Home Assistant restarted to take it; the up after that changes nothing", async () => {
  const { info, shell, haConfig } = up();
  await mustRun(shell, "edit the http package", `sed -i 's/login_attempts_threshold: 5/login_attempts_threshold: 50/' ${HTTP_PACKAGE} && grep -c 'threshold: 50' ${HTTP_PACKAGE}`);
  const repair = labApply(name, "lab", haConfig);
  expect({ code: repair.code, tail: tail(repair) }).toEqual({ code: 0, tail: "" });
  expect(repair.stdout).toContain("host lab: Home Assistant's http settings differ from the stack: login_attempts_threshold is 50, the stack says 5; this up sets them again (step lab-ha-owner)");
  expect(applyCounts(repair.stdout)).toMatchObject({ created: 0, updated: 0, replaced: 1, deleted: 0 });
  expect(await mustRun(shell, "the http package", `grep login_attempts_threshold ${HTTP_PACKAGE}`)).toBe("  login_attempts_threshold: 5\n");
  expect(await untilStatus(info.netns.lan, `${base()}/api/`, 401)).toBe(401);
  const again = labApply(name, "lab", haConfig);
  expect(again.code).toBe(0);
  expect(again.stdout).not.toContain("differ from the stack");
  expect(applyCounts(again.stdout)).toMatchObject(NO_CHANGES);
}, 1_200_000);

test("repeated wrong passwords from one LAN client get it banned: the threshold from the package is the one Home Assistant runs with (its default never bans)", async () => {
  const { info, shell } = up();
  const source = freshSource(info.netns.lan);
  for (let i = 0; i < 5; i++) expect(loginFlow(info.netns.lan, base(), LAB_HA_OWNER.username, `wrong-${i}`).type).toBe("form");
  expect(curl(info.netns.lan, `${base()}/api/`)[0]).toBe(403);
  expect(await mustRun(shell, "ip_bans.yaml", `cat ${HA_PATHS.configDir}/ip_bans.yaml`)).toContain(source);
});
