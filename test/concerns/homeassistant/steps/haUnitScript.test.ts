import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HA_UNIT_SCRIPT } from "../../../../src/concerns/homeassistant/steps/haUnitScript";
import { remoteScript } from "../../../../src/core/remoteScript";

const UNIT = ["[Unit]", "Description=Home Assistant", "", "[Service]", "ExecStart=/usr/bin/podman run x", "", "[Install]", "WantedBy=default.target", ""].join("\n");

/**
 * Runs the step's script as root would on the host, for a plain user unit in a scratch home; `runuser` is a double
 * that logs the user's systemctl calls (the real user manager is the lab's to judge).
 */
function apply(dir: string, unit: string): { code: number | null; stdout: string; stderr: string; calls: string[] } {
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin, { recursive: true });
  const log = path.join(dir, "calls");
  fs.writeFileSync(path.join(bin, "runuser"), `#!/bin/sh\nshift 3\n[ "$1" = env ] && shift 4\necho "$*" >> '${log}'\n`, { mode: 0o755 });
  const cmd = remoteScript({
    manifest: { kind: "container-unit", host: "t", user: "root", format: "systemd", dir: `${dir}/unit`, file: "homeassistant.service" },
    step: "t-ha-unit",
    script: HA_UNIT_SCRIPT,
    args: [os.userInfo().username, "systemd", `${dir}/quadlet`, `${dir}/home/.config/systemd/user`, "homeassistant.service"],
    user: "root",
  });
  const r = spawnSync("bash", ["-c", cmd], { input: unit, encoding: "utf8", env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
  fs.rmSync(log, { force: true });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, calls };
}

describe("the Home Assistant unit step, for a plain user unit (an OS whose Podman has no Quadlet)", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "ha-unit-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const unitDir = () => path.join(dir, "home", ".config", "systemd", "user");

  test("enables the unit with root's own link for its WantedBy= target, since the user could not write the root-owned directory", () => {
    const r = apply(dir, UNIT);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    const link = path.join(unitDir(), "default.target.wants", "homeassistant.service");
    expect(fs.readlinkSync(link)).toBe(path.join(unitDir(), "homeassistant.service"));
    expect(fs.statSync(path.dirname(link)).uid).toBe(0);
    expect(r.calls.some((c) => / enable /.test(c))).toBe(false);
    expect(r.calls).toEqual(expect.arrayContaining(["systemctl --user daemon-reload", "systemctl --user restart homeassistant.service"]));
  });

  test("a second run with the same unit keeps the link and starts rather than restarts", () => {
    apply(dir, UNIT);
    const r = apply(dir, UNIT);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("unchanged");
    expect(fs.existsSync(path.join(unitDir(), "default.target.wants", "homeassistant.service"))).toBe(true);
    expect(r.calls).toContain("systemctl --user start homeassistant.service");
  });
});
