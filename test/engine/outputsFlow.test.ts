import { createHash, randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { labDown, LabHostInfo, labUp } from "../../src/lab/host/labHost";
import { uniqueLabName } from "../lab/labProbe";
import { EngineWorkspace, ROOT } from "../support/engineWorkspace";

/**
 * Under the real engine and the command provider, on a real lab host: one command's stdout is another's stdin
 * (later steps read public keys and fingerprints back this way), and a secret set with
 * `pulumi config set --secret` reaches the host on stdin but never the CLI's output, the state or the log.
 */
const FIXTURE = path.join(ROOT, "test", "fixtures", "outputs-flow");
const STACK = "flow";
const token = `tok-${randomBytes(18).toString("hex")}`;

let ws: EngineWorkspace;
let name: string;
let info: LabHostInfo;
let up: { code: number | null; stdout: string; stderr: string };
/** When the up started, to the second: the CLI's logs of this run are the stack's logs from then on. */
let upStarted: number;

beforeAll(async () => {
  name = uniqueLabName("of");
  info = (await labUp({ name, log: () => undefined })).info;
  ws = new EngineWorkspace();
  ws.init(STACK, "outputs-flow");
  const set = (k: string, v: string, secret = false): void => ws.set(STACK, `outputs-flow:${k}`, v, { secret, cwd: FIXTURE });
  set("host", info.address);
  set("port", String(info.port));
  set("user", info.bootstrapUser);
  set("hostKey", info.hostKey);
  set("privateKey", fs.readFileSync(info.privateKeyPath, "utf8"), true);
  set("token", token, true);
  upStarted = Math.floor(Date.now() / 1000) * 1000;
  up = ws.pulumi(["up", "--yes", "--non-interactive", "--stack", STACK, "--config-file", ws.stackFile(STACK)], { cwd: FIXTURE });
}, 600_000);

afterAll(async () => {
  if (name) await labDown(name);
  ws?.remove();
}, 120_000);

const outputs = (): Record<string, string> => JSON.parse(ws.pulumi(["stack", "output", "--json", "--show-secrets", "--stack", STACK], { cwd: FIXTURE }).stdout);

test("one command's stdout arrives as the next command's stdin, byte for byte", () => {
  expect(up.code).toBe(0);
  const o = outputs();
  expect(o.produced).toMatch(/^[0-9a-f]{32}$/); // the host's machine-id, read back by the engine
  expect(o.consumed.split(/\s+/)[0]).toBe(createHash("sha256").update(o.produced).digest("hex"));
});

test("a secret set with pulumi config set --secret reaches the host on stdin, and its outputs stay secret", () => {
  expect(outputs().tokenBytes.trim()).toBe(String(token.length));
  const plain = JSON.parse(ws.pulumi(["stack", "output", "--json", "--stack", STACK], { cwd: FIXTURE }).stdout);
  expect(plain.tokenBytes).toBe("[secret]");
});

test("the secret is nowhere in plaintext: not in the CLI's output, its log of the update, pulumi stack export, the state or config files", () => {
  expect(up.stdout + up.stderr).not.toContain(token);
  // The CLI writes an encrypted log of every run (`pulumi logs`); decrypted, this stack's logs of this run.
  const listed = JSON.parse(ws.pulumi(["logs", "list", "--output", "json"], { cwd: FIXTURE }).stdout) as { path: string; stack?: string; timestamp: string }[];
  const ours = listed.filter((l) => l.stack?.endsWith(`/outputs-flow/${STACK}`) && Date.parse(l.timestamp) >= upStarted);
  const logs = ours.map((l) => ws.pulumi(["logs", "decrypt", l.path], { cwd: FIXTURE }).stdout).join("\n");
  expect(logs).toContain('"Command":"pulumi up"'); // the update's own log was read, not an empty one
  expect(logs).not.toContain(token);
  expect(logs).not.toContain("PRIVATE KEY");
  const exported = ws.pulumi(["stack", "export", "--stack", STACK], { cwd: FIXTURE });
  expect(exported.code).toBe(0);
  expect(exported.stdout).not.toContain(token);
  expect(exported.stdout).not.toContain("PRIVATE KEY");
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) (e.isDirectory() ? walk : (f: string) => files.push(f))(path.join(d, e.name));
  };
  walk(ws.dir);
  expect(files.length).toBeGreaterThan(2);
  expect(files.filter((f) => fs.readFileSync(f, "utf8").includes(token))).toEqual([]);
});

test("a re-run of the unchanged program changes nothing: the engine's diff holds with real outputs", () => {
  const again = ws.pulumi(["preview", "--expect-no-changes", "--non-interactive", "--stack", STACK, "--config-file", ws.stackFile(STACK)], { cwd: FIXTURE });
  expect(again.code).toBe(0);
}, 300_000);
