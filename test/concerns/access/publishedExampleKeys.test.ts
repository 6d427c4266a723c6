import * as fs from "fs";
import * as path from "path";
import { configSourceFromMap } from "../../../src/core/configSource";
import { loadStackConfig } from "../../../src/config/loadStackConfig";
import { publishedExampleKeys, publishedKeyProblems } from "../../../src/concerns/access/publishedExampleKeys";
import { readStackFile } from "../../../src/preview/readStackFile";

const stacks = path.join(__dirname, "..", "..", "..", "stacks");
const published = publishedExampleKeys(fs.readFileSync(path.join(stacks, "Pulumi.example.yaml"), "utf8"));
const exampleHosts = (): ReturnType<typeof loadStackConfig>["hosts"] => {
  const f = readStackFile(stacks, "example");
  return loadStackConfig(configSourceFromMap(f.config, f.secretKeys)).hosts;
};

test("every public key printed in the example is known as published (type and base64, comment dropped)", () => {
  expect(published.size).toBeGreaterThanOrEqual(4);
  for (const k of published) expect(k).toMatch(/^ssh-ed25519 AAAA\S+$/);
});

test("a host that trusts or pins the example's keys gets one problem per key, naming where it sits: a first login pinned to a published key would hand its secrets to whoever holds the private half", () => {
  const problems = publishedKeyProblems(exampleHosts(), published);
  expect(problems.map((p) => p.key)).toEqual([
    "ha-hardened-host:hosts[0].admin.authorizedKeys[0]",
    "ha-hardened-host:hosts[0].bootstrap.hostKey",
    "ha-hardened-host:hosts[0].hostKeys.ed25519Public",
    "ha-hardened-host:hosts[0].automationPublicKey",
  ]);
  expect(problems[1].message).toMatch(/^must not be used: .*ssh-keyscan -t ed25519/);
});

test("the lab stack's own keys are not the example's, so it passes", () => {
  const f = readStackFile(stacks, "lab");
  const hosts = JSON.parse(f.config["ha-hardened-host:hosts"]);
  expect(hosts[0].admin.authorizedKeys.filter((k: string) => published.has(k.split(" ").slice(0, 2).join(" ")))).toEqual([]);
});
