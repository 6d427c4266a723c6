import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../../src/core/configError";
import { configSourceFromMap } from "../../src/core/configSource";
import { loadStackConfig } from "../../src/config/loadStackConfig";
import { generateKeyPair } from "../../src/concerns/access/generateKeyPair";
import { labStackFile } from "../../src/lab/apply/labStackFile";
import { readStackFile } from "../../src/preview/readStackFile";
import { runProgram } from "../../src/program";
import { recordProgram } from "../support/recordProgram";

const stacksDir = path.join(__dirname, "../../stacks");

describe("stacks/Pulumi.example.yaml", () => {
  test("validates, with its secure: placeholders reported as unchecked rather than failing", () => {
    const file = readStackFile(stacksDir, "example");
    const config = loadStackConfig(configSourceFromMap(file.config, file.secretKeys));
    expect(config.hosts).toHaveLength(1);
    expect(config.uncheckedSecrets).toEqual(expect.arrayContaining(["ha-hardened-host:hosts[0].automationKey", "ha-hardened-host:hosts[0].hostKeys.rsa"]));
  });

  test("registers the full host graph under the mock engine", async () => {
    const file = readStackFile(stacksDir, "example");
    const r = await recordProgram(() => runProgram(configSourceFromMap(file.config, file.secretKeys)), { ...file, preview: true });
    expect(r.error).toBeUndefined();
    // The lab stack's 46 steps plus Home Assistant's 10.
    expect(r.registrations.filter((x) => x.type === "command:remote:Command").length).toBe(56);
  });
});

describe("stacks/Pulumi.lab.yaml", () => {
  test("carries no secrets at all: the lab sets them on its working copy, so the committed file never holds ciphertext", () => {
    const file = readStackFile(stacksDir, "lab");
    expect(file.secretKeys).toEqual([]);
    expect(fs.readFileSync(path.join(stacksDir, "Pulumi.lab.yaml"), "utf8")).not.toMatch(/secure:|encryptionsalt/);
    expect(() => loadStackConfig(configSourceFromMap(file.config))).toThrow(ConfigError);
  });

  test("with the secrets the lab sets, its working copy validates and registers the full host graph", async () => {
    const h = "ha-hardened-host:hosts[0]";
    const text = labStackFile(fs.readFileSync(path.join(stacksDir, "Pulumi.lab.yaml"), "utf8"), {
      [`${h}.bootstrap.privateKey`]: generateKeyPair("ed25519", "bootstrap").privateKey,
      [`${h}.automationKey`]: generateKeyPair("ed25519", "automation").privateKey,
      [`${h}.hostKeys.ed25519`]: generateKeyPair("ed25519", "host").privateKey,
      [`${h}.hostKeys.rsa`]: generateKeyPair("rsa", "host", 3072).privateKey,
    });
    const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "hh-labstack-"));
    try {
      fs.writeFileSync(path.join(dir, "Pulumi.lab.yaml"), text);
      const file = readStackFile(dir, "lab");
      const source = configSourceFromMap(file.config, ["ha-hardened-host:hosts"]);
      expect(loadStackConfig(source).hosts).toHaveLength(1);
      const r = await recordProgram(() => runProgram(source), { config: file.config, secretKeys: ["ha-hardened-host:hosts"], preview: true });
      expect(r.error).toBeUndefined();
      expect(r.registrations.filter((x) => x.type === "command:remote:Command").length).toBe(46);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
