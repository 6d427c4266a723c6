import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// Runs the built wrapper as `npm run pulumi|preview|up` do (npm test builds and makes the engine first).
const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "dist", "src", "cli", "pulumi.js");

function wrapper(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

const home = fs.mkdtempSync(path.join(os.tmpdir(), "hh-wrapper-home-"));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

// A PULUMI_HOME without a `pulumi login` (no credentials.json) that shares the plugin cache the engine filled.
const pulumiHome = path.join(home, ".pulumi");
fs.mkdirSync(pulumiHome);
fs.symlinkSync(path.join(process.env.PULUMI_HOME || path.join(os.homedir(), ".pulumi"), "plugins"), path.join(pulumiHome, "plugins"));

/** The caller's environment without any Pulumi backend or passphrase choice. */
function unchosen(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_HOME: pulumiHome };
  for (const k of ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE", "PULUMI_ACCESS_TOKEN"]) delete env[k];
  return env;
}

test("with no backend chosen it runs the real CLI on the project's local file backend and passphrase file, and says so", () => {
  const r = wrapper(["version"], unchosen());
  expect(r.code).toBe(0);
  expect(r.stdout.trim()).toMatch(/^v3\.\d+\.\d+/);
  expect(r.stderr).toMatch(/no backend logged in: using the local file backend \.pulumi-local\/state/);
  expect(r.stderr).toMatch(/secrets passphrase from \.pulumi-local\/passphrase/);
  expect(fs.statSync(path.join(ROOT, ".pulumi-local", "passphrase")).mode & 0o777).toBe(0o600);
});

test("a backend the user chose (PULUMI_BACKEND_URL) is left alone, without a word", () => {
  const r = wrapper(["version"], { ...unchosen(), PULUMI_BACKEND_URL: `file://${home}` });
  expect(r.code).toBe(0);
  expect(r.stderr).not.toMatch(/local file backend|passphrase/);
});

test("a stack file still holding the example's placeholder secrets is refused before pulumi starts, naming each key and the fix", () => {
  const stack = `copied${process.pid}`;
  const file = path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`);
  fs.copyFileSync(path.join(ROOT, "stacks", "Pulumi.example.yaml"), file);
  try {
    const r = wrapper(["up", "--policy-pack", "policies", "--stack", stack, "--yes"], unchosen());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`stacks/Pulumi\\.${stack}\\.yaml still holds the example's placeholder secrets`));
    expect(r.stderr).toContain("ha-hardened-host:hosts[0].automationKey");
    expect(r.stderr).toMatch(/fix: delete those lines, then set your own/);
    expect(r.stdout).toBe(""); // pulumi never ran
    expect(fs.readFileSync(file, "utf8")).toBe(fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.example.yaml"), "utf8"));
  } finally {
    fs.rmSync(file, { force: true });
  }
});
