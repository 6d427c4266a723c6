import * as fs from "fs";
import * as path from "path";
import { examplePlaceholders, secureValues } from "../../src/engine/examplePlaceholders";

const example = fs.readFileSync(path.join(__dirname, "..", "..", "stacks", "Pulumi.example.yaml"), "utf8");

test("secure values are found by their config path, list indexes included", () => {
  const text = "config:\n  p:hosts:\n    - a:\n        secure: v1:x\n      b:\n        - secure: v1:y\n";
  expect([...secureValues(text)]).toEqual([["p:hosts[0].a", "v1:x"], ["p:hosts[0].b[0]", "v1:y"]]);
});

test("a stack copied from the example is caught on each placeholder it still holds, and only on those", () => {
  expect(examplePlaceholders(example, example)).toEqual([
    "ha-hardened-host:hosts[0].bootstrap.privateKey",
    "ha-hardened-host:hosts[0].automationKey",
    "ha-hardened-host:hosts[0].hostKeys.ed25519",
    "ha-hardened-host:hosts[0].hostKeys.rsa",
    "ha-hardened-host:hosts[0].homeAssistant.owner.password",
  ]);
  const own = example.replace(/secure: v1:tPdlhgVk\S+/, "secure: v1:mine:ciphertext");
  expect(examplePlaceholders(own, example)).not.toContain("ha-hardened-host:hosts[0].automationKey");
  expect(examplePlaceholders("config:\n  ha-hardened-host:hosts: []\n", example)).toEqual([]);
});
