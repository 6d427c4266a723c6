import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { ConfigError } from "../../../src/core/configError";
import { configSourceFromMap } from "../../../src/core/configSource";
import { loadStackConfig } from "../../../src/config/loadStackConfig";
import { configMap, validHost } from "../../support/keyFixtures";

function load(updates: unknown) {
  const m = configMap([validHost(updates === undefined ? {} : { updates })]);
  return loadStackConfig(configSourceFromMap(m.config, m.secretKeys));
}

function problemsOf(updates: unknown): string[] {
  try {
    load(updates);
  } catch (e) {
    if (!ConfigError.isInstance(e)) throw e;
    return e.problems.map((p) => `${p.key}: ${p.message}`);
  }
  throw new Error("expected a ConfigError");
}

describe("the updates config slice", () => {
  test("a host without `updates` gets the documented defaults: no automatic reboot, no extra origin, no mail", () => {
    expect(load(undefined).hosts[0].updates).toEqual({ reboot: { automatic: false, time: "04:00" }, extraOrigins: [] });
  });

  test.each([
    ["a reboot time that is not HH:MM", { reboot: { time: "4am" } }, 'ha-hardened-host:hosts[0].updates.reboot.time: must be HH:MM (24-hour), not "4am"'],
    ["an hour past 23", { reboot: { time: "24:00" } }, 'ha-hardened-host:hosts[0].updates.reboot.time: must be HH:MM (24-hour), not "24:00"'],
    ["a reboot switch that is not a boolean", { reboot: { automatic: "yes" } }, 'ha-hardened-host:hosts[0].updates.reboot.automatic: must be true or false, not "yes"'],
    ["a mail address without a domain", { mailTo: "owner" }, 'ha-hardened-host:hosts[0].updates.mailTo: must be a mail address, not "owner"'],
    ["an origin that would break out of the apt entry", { extraOrigins: ['o=x";'] }, "ha-hardened-host:hosts[0].updates.extraOrigins[0]: must not contain quotes, semicolons"],
    ["an unknown key", { autoReboot: true }, "ha-hardened-host:hosts[0].updates"],
  ])("refuses %s, naming the key", (_what, updates, problem) => {
    const problems = problemsOf(updates);
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(problem)).toBe(true);
  });

  test("only the lab stack allows an extra origin, and only the lab repository's", () => {
    const stacks = path.join(__dirname, "../../../stacks");
    const extraOrigins = (file: string): unknown =>
      (YAML.parse(fs.readFileSync(path.join(stacks, file), "utf8")).config["ha-hardened-host:hosts"] as { updates?: { extraOrigins?: unknown } }[]).map((h) => h.updates?.extraOrigins ?? []);
    const files = fs.readdirSync(stacks).filter((f) => /^Pulumi\..+\.yaml$/.test(f));
    expect(files).toContain("Pulumi.lab.yaml");
    for (const f of files) expect([f, extraOrigins(f)]).toEqual([f, f === "Pulumi.lab.yaml" ? [["origin=ha-hardened-host-lab,label=ha-hardened-host-lab"]] : [[]]]);
  });
});
