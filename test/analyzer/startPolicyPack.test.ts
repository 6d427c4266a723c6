import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startPolicyPack } from "../../src/analyzer/startPolicyPack";
import { PACK_DIR } from "../policies/fixtures/startPack";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("startPolicyPack", () => {
  it("starts the real pack like the CLI, measures spawn-to-serving, and stops it (twice is safe)", async () => {
    const pack = await startPolicyPack(PACK_DIR);
    try {
      expect(pack.startupMs).toBeGreaterThan(0);
      expect((await pack.getAnalyzerInfo()).name).toBe("ha-securing-checklist");
      // The measurement the benchmark also reports; printed so a run shows it.
      console.log(`policy pack start -> serving: ${pack.startupMs.toFixed(0)} ms`);
    } finally {
      await pack.stop();
      await pack.stop();
    }
    expect(alive(pack.pid)).toBe(false);
    await expect(pack.getAnalyzerInfo()).resolves.toBeDefined(); // cached: no RPC
    await expect(pack.analyze({ urn: "u", type: "t", name: "n", custom: true, dependencies: [], propertyDependencies: {}, inputs: {}, ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, additionalSecretOutputs: [] })).rejects.toThrow("policy pack RPC failed: the pack was stopped; start it again with startPolicyPack");
  });

  it("names the fix when the directory has no @pulumi/pulumi to run the pack with", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-missing-"));
    try {
      await expect(startPolicyPack(dir)).rejects.toThrow(`policy pack ${dir}: @pulumi/pulumi is not installed for it; run \`npm ci\` in the project root.`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports a pack that dies before serving with its own error output", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-broken-"));
    try {
      fs.symlinkSync(path.resolve(PACK_DIR, "../node_modules"), path.join(dir, "node_modules"));
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "broken", version: "0.0.1", main: "index.js" }));
      fs.writeFileSync(path.join(dir, "index.js"), 'throw new Error("pack exploded on load");\n');
      await expect(startPolicyPack(dir)).rejects.toThrow(/exited \(code \d+, signal null\) before serving: [^]*pack exploded on load/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
