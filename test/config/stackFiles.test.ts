import * as path from "path";
import { configSourceFromMap } from "../../src/config/configSource";
import { loadStackConfig } from "../../src/config/loadStackConfig";
import { readStackFile } from "../../src/preview/readStackFile";
import { runProgram } from "../../src/program";
import { recordProgram } from "../support/recordProgram";

const stacksDir = path.join(__dirname, "../../stacks");

describe.each(["example", "lab"])("stacks/Pulumi.%s.yaml", (stack) => {
  test("validates, with its secure: placeholders reported as unchecked rather than failing", () => {
    const file = readStackFile(stacksDir, stack);
    const config = loadStackConfig(configSourceFromMap(file.config, file.secretKeys));
    expect(config.hosts).toHaveLength(1);
    expect(config.uncheckedSecrets).toEqual(expect.arrayContaining(["ha-hardened-host:hosts[0].automationKey", "ha-hardened-host:hosts[0].hostKeys.rsa"]));
  });

  test("registers the full host graph under the mock engine", async () => {
    const file = readStackFile(stacksDir, stack);
    const r = await recordProgram(() => runProgram(configSourceFromMap(file.config, file.secretKeys)), { ...file, preview: true });
    expect(r.error).toBeUndefined();
    expect(r.registrations.filter((x) => x.type === "command:remote:Command").length).toBe(16);
  });
});

test("the lab stack targets the lab host address inside 198.18.0.0/15", () => {
  const file = readStackFile(stacksDir, "lab");
  expect(JSON.parse(file.config["ha-hardened-host:hosts"])[0].address).toBe("198.18.10.2");
});
