import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MANAGED_BEGIN, MANAGED_END, renderManagedBlock, STARTER_CONFIGURATION } from "../../../../src/concerns/homeassistant/renderHaConfig";
import { HA_MANAGED_BLOCK_SCRIPT } from "../../../../src/concerns/homeassistant/steps/haManagedBlockScript";
import { remoteScript } from "../../../../src/core/remoteScript";
import { haBaseline } from "../haTestFixtures";

/** Runs the step's script here, as root would on the host, on a configuration.yaml in a scratch directory. */
function apply(dir: string, block: string): { code: number | null; stdout: string; stderr: string } {
  const cmd = remoteScript({
    manifest: { kind: "ha-config", host: "t", path: `${dir}/configuration.yaml`, part: "managed-block" },
    step: "t-ha-configuration",
    script: HA_MANAGED_BLOCK_SCRIPT,
    args: [`${dir}/configuration.yaml`, os.userInfo().username, MANAGED_BEGIN, MANAGED_END, STARTER_CONFIGURATION],
    user: "root",
  });
  const r = spawnSync("bash", ["-c", cmd], { input: block, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the managed block of configuration.yaml", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "ha-block-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = () => path.join(dir, "configuration.yaml");

  test("a config directory without configuration.yaml gets the block and Home Assistant's own default line", () => {
    expect(apply(dir, renderManagedBlock(haBaseline())).stdout).toContain("changed");
    expect(fs.readFileSync(file(), "utf8")).toBe(`${renderManagedBlock(haBaseline())}${STARTER_CONFIGURATION}`);
  });

  test("the user's own lines survive every apply unchanged, and a changed block replaces the old one instead of piling up", () => {
    const own = "# mine\ndefault_config:\nautomation: !include automations.yaml\n";
    fs.writeFileSync(file(), own);
    apply(dir, renderManagedBlock(haBaseline()));
    const ha = haBaseline();
    ha.trustedNetworks = { networks: ["192.168.1.5/32"], allowBypassLogin: false };
    apply(dir, renderManagedBlock(ha));
    const text = fs.readFileSync(file(), "utf8");
    expect(text.split(MANAGED_BEGIN)).toHaveLength(2);
    expect(text).toContain("192.168.1.5/32");
    expect(text.endsWith(`\n${own}`)).toBe(true);
    expect(fs.statSync(file()).mode & 0o777).toBe(0o640);
  });

  test("applying the same block twice reports unchanged, so the step is idempotent", () => {
    apply(dir, renderManagedBlock(haBaseline()));
    expect(apply(dir, renderManagedBlock(haBaseline())).stdout.trim()).toBe(`unchanged ${file()}`);
  });

  test("a file with its own top-level homeassistant: key is refused with the fix, since YAML would keep only one of the two", () => {
    fs.writeFileSync(file(), "homeassistant:\n  name: Home\n");
    const r = apply(dir, renderManagedBlock(haBaseline()));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("has its own top-level homeassistant: key besides the block this project manages; fix: move the settings");
    expect(fs.readFileSync(file(), "utf8")).toBe("homeassistant:\n  name: Home\n");
  });
});
