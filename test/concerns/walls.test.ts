import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CONCERN_CONFIGS, CONCERNS } from "../../src/concerns/registry";
import { concernConfigImportProblems, concernProblems, coreWallProblems, packWallProblems, registryConfigProblems, SourceTree } from "../support/concernWalls";

const ROOT = path.resolve(__dirname, "..", "..");

/** Concern folders allowed to lack a part, each with the reason. Keep it short. */
const EXEMPTIONS = {
  packages: {
    "config.ts": "the packages come from the OS table (src/core/osTable.ts); there is nothing to configure",
    "policies/concernPolicies.ts": "no checklist item is about installing sudo and the SSH server; the concerns that use them are judged",
    rules: "no rule to apply: it installs what the other concerns need",
  },
} as const;

function projectTree(): SourceTree {
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "src", "policies", "test"], { cwd: ROOT, encoding: "utf8" }).split("\n");
  return new Map(files.filter((f) => f.endsWith(".ts") && fs.existsSync(path.join(ROOT, f))).map((f) => [f, fs.readFileSync(path.join(ROOT, f), "utf8")]));
}

const tree = projectTree();

test("the core imports nothing above it, so every concern can build on it", () => {
  expect(coreWallProblems(tree)).toEqual([]);
});

test("the pack never loads @pulumi/command, a concern's steps or the program: policies and rules stay pure", () => {
  expect(packWallProblems(tree)).toEqual([]);
});

test("every concern folder holds its config, rules, policies, steps and tests, or says on the exemption list why not", () => {
  expect(concernProblems(tree, CONCERNS, EXEMPTIONS)).toEqual([]);
});

test("the registry loads the config slice of exactly the concerns that have one, so the schema holds every concern's fields", () => {
  expect(registryConfigProblems(tree, CONCERN_CONFIGS)).toEqual([]);
});

test("a concern takes only types from src/config, whose schema loads the concerns", () => {
  expect(concernConfigImportProblems(tree)).toEqual([]);
});

test("the walls can fail: a rule that pulls in @pulumi/command, a core file that reaches up, a concern importing the schema, an unregistered or incomplete concern", () => {
  const bad = new Map(tree);
  bad.set("src/concerns/ssh/evaluateRootLogin.ts", `import * as command from "@pulumi/command";\n${tree.get("src/concerns/ssh/evaluateRootLogin.ts")}`);
  bad.set("src/core/osTable.ts", `import { CONCERNS } from "../concerns/registry";\n${tree.get("src/core/osTable.ts")}`);
  bad.set("src/concerns/backups/renderBackupPlan.ts", "export const x = 1;\n");
  expect(packWallProblems(bad)).toEqual(["src/concerns/ssh/evaluateRootLogin.ts is loaded by the pack and imports @pulumi/command"]);
  expect(coreWallProblems(bad)).toEqual(["src/core/osTable.ts imports ../concerns/registry: the core must not import anything above it"]);
  bad.set("src/concerns/vpn/vpnAddresses.ts", `import { hostSchema } from "../../config/schema";\n${tree.get("src/concerns/vpn/vpnAddresses.ts")}`);
  expect(concernConfigImportProblems(bad)).toEqual(["src/concerns/vpn/vpnAddresses.ts imports a value from ../../config/schema: a concern may take only types from src/config"]);
  expect(concernProblems(bad, CONCERNS, EXEMPTIONS)).toEqual(["src/concerns/backups is not in src/concerns/registry.ts"]);
  expect(registryConfigProblems(tree, { ...CONCERN_CONFIGS, ssh: null, packages: () => ({}) })).toEqual([
    "src/concerns/registry.ts loads src/concerns/packages/config.ts, which does not exist",
    "src/concerns/ssh/config.ts is not loaded by src/concerns/registry.ts, so the schema lacks its fields",
  ]);
  expect(concernProblems(bad, [...CONCERNS, "backups"], EXEMPTIONS)).toEqual([
    "src/concerns/backups has no config.ts, and no exemption says why",
    "src/concerns/backups has no policies/concernPolicies.ts, and no exemption says why",
    "src/concerns/backups has no steps/hostSteps.ts, and no exemption says why",
    "src/concerns/backups has no tests, and no exemption says why",
  ]);
});
