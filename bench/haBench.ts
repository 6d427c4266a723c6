import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { asUserCommand } from "../src/concerns/homeassistant/asUserCommand";
import { HA_PATHS } from "../src/concerns/homeassistant/haPaths";
import { exposureReason } from "../src/concerns/homeassistant/unitExposure";
import { buildHaImage } from "../src/lab/haImage/buildHaImage";
import { adminRootShell } from "../src/lab/haImage/guestShell";
import { prepareHaGuest } from "../src/lab/haImage/prepareHaGuest";
import { labDown, labUp } from "../src/lab/host/labHost";
import { Figure, seconds } from "./figureTable";

export interface HaBenchResult {
  /** pulumi up of the lab stack on the blank guest (the hardening). */
  hardenMs: number;
  /** packages, rootless setup and podman load: what a pull of the image is on a real host. */
  prepareMs: number;
  /** pulumi up that adds Home Assistant: unit, first start, onboarding, http settings promoted. */
  haApplyMs: number;
  /** systemctl --user restart to the first answer on the LAN (401 from /api/). */
  startMs: number;
  /** systemd-analyze security --user: the overall exposure line, and each open setting with its reason. */
  exposure: string;
  openSettings: { name: string; reason: string }[];
}

const PROJECT = path.resolve(__dirname, "..", "..");
const LAB_CLI = path.join(PROJECT, "dist", "src", "cli", "lab.js");
const NAME = "habench";

function labApply(args: string[]): number {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [LAB_CLI, "apply", "--stack", "lab", "--name", NAME, ...args], { encoding: "utf8", timeout: 1_800_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`lab apply failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout || "").slice(-2000)}`);
  return Date.now() - t0;
}

/** A blank lab host to an onboarded Home Assistant, its start time, and its unit's exposure as systemd sees it. */
export async function runHaBench(opts: { log?: (l: string) => void } = {}): Promise<HaBenchResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const image = await buildHaImage();
  await labDown(NAME);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ha-bench-"));
  try {
    const lab = await labUp({ name: NAME, log: () => undefined });
    const info = lab.info;
    const hardenMs = labApply([]);
    const shell = adminRootShell(lab.stateDir, info, path.join(tmp, "known_hosts"));
    const t0 = Date.now();
    const loaded = await prepareHaGuest(shell, image, info.os);
    const prepareMs = Date.now() - t0;
    const haApplyMs = labApply(["--config", `ha-hardened-host:hosts[0].homeAssistant.image=${loaded.pinned}`]);
    log(`ha: harden ${seconds(hardenMs, 1)}, prepare ${seconds(prepareMs, 1)}, Home Assistant apply ${seconds(haApplyMs, 1)}`);
    // One restart, then the LAN client asks every 0.2 s, at most 600 times.
    const t1 = Date.now();
    const restart = await shell(asUserCommand(HA_PATHS.user, "systemctl", ["--user", "restart", `${HA_PATHS.unit}.service`]), { timeoutMs: 300_000 });
    if (restart.code !== 0) throw new Error(`restart failed: ${restart.stderr}`);
    let answered = false;
    for (let i = 0; i < 600 && !answered; i++) {
      const r = spawnSync("ip", ["netns", "exec", info.netns.lan, "curl", "-s", "-m", "2", "-o", "/dev/null", "-w", "%{http_code}", `http://${info.address}:8123/api/`], { encoding: "utf8", timeout: 10_000 });
      answered = r.stdout === "401";
      if (!answered) await new Promise((res) => setTimeout(res, 200));
    }
    if (!answered) throw new Error("Home Assistant did not answer on the LAN within 600 tries after its restart");
    const startMs = Date.now() - t1;
    const analyze = await shell(asUserCommand(HA_PATHS.user, "systemd-analyze", ["security", "--user", "--no-pager", `${HA_PATHS.unit}.service`]), { timeoutMs: 120_000 });
    const lines = analyze.stdout.split("\n");
    const exposure = lines.find((l) => /Overall exposure level/.test(l))?.replace(/^→\s*/, "").trim() ?? `systemd-analyze exited ${analyze.code}: ${analyze.stderr.trim()}`;
    const openSettings = lines
      .filter((l) => /^✗ /.test(l))
      .map((l) => l.slice(2).trim().split(/\s+/)[0])
      .map((name) => ({ name, reason: exposureReason(name) ?? "no reason recorded yet" }));
    log(`ha: start to first LAN answer ${seconds(startMs, 1)}; ${exposure}`);
    return { hardenMs, prepareMs, haApplyMs, startMs, exposure, openSettings };
  } finally {
    await labDown(NAME);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export function haFigures(r: HaBenchResult): Figure[] {
  return [
    { label: "blank host to hardened", value: seconds(r.hardenMs, 1), how: "lab apply of the lab stack on a blank Debian 13 guest, one run" },
    { label: "ha image into the user's storage", value: seconds(r.prepareMs, 1), how: "podman and helpers installed, rootless setup, podman load (a pull on a real host), one run" },
    { label: "hardened to onboarded Home Assistant", value: seconds(r.haApplyMs, 1), how: "lab apply with homeAssistant: unit, first start on 127.0.0.1, owner, http settings promoted, one run" },
    { label: "ha start to first LAN answer", value: seconds(r.startMs, 1), how: "systemctl --user restart to the first 401 from /api/ on the LAN, one run" },
    { label: "ha unit exposure", value: r.exposure.replace(/^Overall exposure level for \S+: /, ""), how: "systemd-analyze security --user homeassistant.service" },
    // One line per reason, naming the settings it covers.
    ...[...new Set(r.openSettings.map((s) => s.reason))].map((reason) => ({
      label: `  open (${r.openSettings.filter((s) => s.reason === reason).length})`,
      value: "",
      how: `${reason}: ${r.openSettings.filter((s) => s.reason === reason).map((s) => s.name.replace(/=.*$/, "")).filter((n, i, a) => a.indexOf(n) === i).join(", ")}`,
    })),
  ];
}
