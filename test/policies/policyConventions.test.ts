import * as fs from "node:fs";
import * as path from "node:path";
import { CHECKLIST_FRAMEWORK, POLICY_NAMES } from "../../src/core/checklist/items";
import { PACK_DIR, usePack } from "./fixtures/startPack";
import { checkPolicyConventions, type ConventionContext, type PolicyFacts } from "./policyConventions";

const pack = usePack();
const CONCERNS_DIR = path.join(PACK_DIR, "..", "src", "concerns");

/** Policy files: kebab-case files in a concern's policies/ folder (camelCase ones there are their helpers). */
function policyFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const concern of fs.readdirSync(CONCERNS_DIR)) {
    const dir = path.join(CONCERNS_DIR, concern, "policies");
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir)) if (/^[a-z0-9]+(-[a-z0-9]+)+\.ts$/.test(f)) files.set(f.replace(/\.ts$/, ""), path.join(dir, f));
  }
  return files;
}

function sourceFile(baseName: string): PolicyFacts["file"] {
  const file = policyFiles().get(baseName);
  return file ? { baseName, exports: require(file) as Record<string, unknown> } : undefined;
}

describe("policy conventions", () => {
  let ctx: ConventionContext;
  beforeAll(async () => {
    const info = await pack().getAnalyzerInfo();
    ctx = { packNames: info.policies.map((p) => p.name), catalogNames: POLICY_NAMES, frameworkName: CHECKLIST_FRAMEWORK.name };
  });

  it("serves the pack under its name and the version from policies/package.json", async () => {
    const info = await pack().getAnalyzerInfo();
    expect(info.name).toBe("ha-securing-checklist");
    expect(info.version).toBe(require(path.join(PACK_DIR, "package.json")).version);
  });

  it("holds for every policy the running pack serves (metadata read over gRPC)", async () => {
    const info = await pack().getAnalyzerInfo();
    expect(info.policies.length).toBeGreaterThan(0);
    const problems = info.policies.flatMap((p) => checkPolicyConventions({ ...p, file: sourceFile(p.name) }, ctx));
    expect(problems).toEqual([]);
  });

  it("registers exactly the catalog's policies, so the report and the pack cannot drift", () => {
    expect([...ctx.packNames].sort()).toEqual([...POLICY_NAMES].sort());
  });

  it("keeps no policy file that the pack does not register", () => {
    const files = [...policyFiles().keys()];
    expect(files.sort()).toEqual([...ctx.packNames].sort());
  });

  it("rejects a policy that breaks them, so the check can fail", () => {
    const bad: PolicyFacts = {
      name: "BadPolicy",
      description: "checks stuff",
      enforcementLevel: "mandatory",
      remediationSteps: "",
      file: { baseName: "bad_policy", exports: { badPolicy: { name: "other" } } },
    };
    expect(checkPolicyConventions(bad, ctx)).toEqual([
      "BadPolicy: name must be kebab-case",
      "BadPolicy: description must be full sentences",
      "BadPolicy: description must name the checklist item it enforces",
      "BadPolicy: severity must be set",
      "BadPolicy: remediationSteps must be full sentences",
      "BadPolicy: framework must name Home Assistant Securing checklist with version, reference URL and specification",
      "BadPolicy: must be registered by its concern (src/concerns/<concern>/policies/index.ts)",
      "BadPolicy: must be listed in src/core/checklist/items.ts",
      "BadPolicy: file name bad_policy.ts must match the policy name",
      "BadPolicy: bad_policy.ts must export bad_policy with name BadPolicy",
    ]);
  });

  it("declares a config schema only where an exception is legitimate (an old client's algorithm, a vendor's update origin, a needed kernel module)", async () => {
    const info = await pack().getAnalyzerInfo();
    expect(info.policies.filter((p) => p.configSchema && Object.keys(p.configSchema.properties).length > 0).map((p) => p.name).sort()).toEqual(["host-lockdown-baseline", "ssh-weak-algorithms-absent", "update-origins-distribution-only"]);
  });
});
