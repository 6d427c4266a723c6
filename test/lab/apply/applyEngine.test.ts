import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { utils as sshUtils } from "ssh2";
import { CapturedResource, SECRET_SIG_KEY, SECRET_SIG_VALUE } from "../../../src/preview/capturedResource";
import { runApply } from "../../../src/lab/apply/applyEngine";
import { LoopbackSshHost, startLoopbackSshHost } from "./loopbackSshHost";

const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG_VALUE, value });
const hostKeys = sshUtils.generateKeyPairSync("ed25519");
const otherHostKeys = sshUtils.generateKeyPairSync("ed25519");
const clientKeys = sshUtils.generateKeyPairSync("ed25519");
const STACK = "test";

let host: LoopbackSshHost;
let work: string;
let statePath: string;

beforeEach(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "apply-engine-"));
  statePath = path.join(work, "state", "apply-state.test.json");
  host = await startLoopbackSshHost({ hostPrivateKey: hostKeys.private, clientPublicKey: clientKeys.public, workDir: work });
});
afterEach(async () => {
  await host.close();
  fs.rmSync(work, { recursive: true, force: true });
});

interface CmdSpec {
  create?: string;
  update?: string;
  delete?: string;
  stdin?: unknown;
  triggers?: unknown[];
  deps?: string[];
  ignoreChanges?: string[];
  hostKey?: string;
}

function urnOf(name: string): string {
  return `urn:pulumi:${STACK}::ha-hardened-host::command:remote:Command::${name}`;
}

function cmd(name: string, spec: CmdSpec): CapturedResource {
  const inputs: Record<string, unknown> = {
    connection: secret({ host: "127.0.0.1", port: host.port, user: "tester", privateKey: clientKeys.private, hostKey: spec.hostKey ?? host.hostPublicKey, dialErrorLimit: 1 }),
    addPreviousOutputInEnv: false,
  };
  for (const k of ["create", "update", "delete", "stdin", "triggers"] as const) if (spec[k] !== undefined) inputs[k] = spec[k];
  return {
    urn: urnOf(name), type: "command:remote:Command", name, custom: true, dependencies: (spec.deps ?? []).map(urnOf),
    propertyDependencies: {}, inputs, ignoreChanges: spec.ignoreChanges ?? [], replaceOnChanges: [], deleteBeforeReplace: false,
    additionalSecretOutputs: [],
  };
}

const quiet = { log: () => undefined };
const apply = (captured: CapturedResource[]) => runApply({ stack: STACK, captured, statePath, ...quiet });
const read = (f: string) => fs.readFileSync(path.join(work, f), "utf8");

test("create runs the create string once per resource, in dependency order, stdin piped, no pty", async () => {
  const s = await apply([
    cmd("b", { create: "cat a.txt > b.txt; cat >> b.txt", stdin: secret("from-stdin\n"), deps: ["a"] }),
    cmd("a", { create: "echo first > a.txt" }),
  ]);
  expect(s.ok).toBe(true);
  expect(read("b.txt")).toBe("first\nfrom-stdin\n");
  expect(host.execs.map((e) => e.command)).toEqual(["echo first > a.txt", "cat a.txt > b.txt; cat >> b.txt"]);
  expect(host.execs.every((e) => !e.pty)).toBe(true);
});

test("re-applying an unchanged program runs zero commands, because the state file says every input is the same", async () => {
  const prog = [cmd("a", { create: "echo 1 >> log", stdin: secret("s3cret-value") })];
  await apply(prog);
  const again = await apply(prog);
  expect(again.ok).toBe(true);
  expect(again.commandsRun).toBe(0);
  expect(read("log")).toBe("1\n");
});

test("the state file is 0600 and holds no secret plaintext, only salted hashes", async () => {
  await apply([cmd("a", { create: "true", stdin: secret("s3cret-value") })]);
  const text = fs.readFileSync(statePath, "utf8");
  expect(fs.statSync(statePath).mode & 0o777).toBe(0o600);
  expect(text).not.toContain("s3cret-value");
  expect(text).not.toContain("PRIVATE KEY");
  expect(text).toContain("$secretSha256");
});

test("an input change runs update (or create when there is no update), as commandController.go Update does", async () => {
  await apply([cmd("a", { create: "echo c1 >> log", update: "echo u1 >> log" }), cmd("b", { create: "echo b1 >> log" })]);
  const s = await apply([cmd("a", { create: "echo c2 >> log", update: "echo u2 >> log" }), cmd("b", { create: "echo b2 >> log" })]);
  expect(s.steps.map((x) => `${x.op}:${x.name}`)).toEqual(["update:a", "update:b"]);
  expect(read("log")).toBe("c1\nb1\nu2\nb2\n");
});

test("a triggers change replaces: the new create runs, then the old delete runs at the end with the old stdin", async () => {
  await apply([cmd("a", { create: "echo create-g1 >> log", delete: "echo delete-$(cat) >> log", stdin: "g1", triggers: [1] }), cmd("z", { create: "echo z >> log" })]);
  const s = await apply([cmd("a", { create: "echo create-g2 >> log", delete: "echo delete-$(cat) >> log", stdin: "g2", triggers: [2] }), cmd("z", { create: "echo z >> log" })]);
  expect(s.steps.map((x) => `${x.op}:${x.name}`)).toEqual(["replace:a", "same:z", "delete:a"]);
  expect(read("log")).toBe("create-g1\nz\ncreate-g2\ndelete-g1\n");
});

test("a resource gone from the program has its delete command run, in reverse dependency order", async () => {
  await apply([cmd("a", { create: "true", delete: "echo del-a >> log" }), cmd("b", { create: "true", delete: "echo del-b >> log", deps: ["a"] })]);
  const s = await apply([]);
  expect(s.ok).toBe(true);
  expect(read("log")).toBe("del-b\ndel-a\n");
  expect((await apply([])).commandsRun).toBe(0);
});

test("ignoreChanges keeps the old value: a changed ignored input runs nothing, a triggers change replays the OLD script", async () => {
  await apply([cmd("a", { create: "echo old >> log", triggers: [1], ignoreChanges: ["create", "stdin", "connection"] })]);
  expect((await apply([cmd("a", { create: "echo new >> log", triggers: [1], ignoreChanges: ["create", "stdin", "connection"] })])).commandsRun).toBe(0);
  await apply([cmd("a", { create: "echo new >> log", triggers: [2], ignoreChanges: ["create", "stdin", "connection"] })]);
  expect(read("log")).toBe("old\nold\n");
});

test("a failure stops everything after it, names host, resource and exit code, and the failed create runs again next time", async () => {
  const prog = (fail: boolean) => [
    cmd("a", { create: "echo a >> log" }),
    cmd("b", { create: fail ? "echo boom-detail >&2; exit 7" : "echo b >> log", deps: ["a"] }),
    cmd("c", { create: "echo c >> log", deps: ["b"] }),
  ];
  const s = await apply(prog(true));
  expect(s.ok).toBe(false);
  expect(s.error).toMatch(/host 127\.0\.0\.1: resource b failed: its command exited with code 7/);
  expect(s.error).toContain("boom-detail");
  expect(read("log")).toBe("a\n");
  const fixed = await apply(prog(false));
  expect(fixed.steps.map((x) => `${x.op}:${x.name}`)).toEqual(["same:a", "create:b", "create:c"]);
});

test("stderr shown in an error is scrubbed of the step's secrets", async () => {
  const s = await apply([cmd("a", { create: "cat >&2; exit 1", stdin: secret("hunter2-password-line") })]);
  expect(s.error).not.toContain("hunter2-password-line");
  expect(s.error).toContain("[secret]");
});

test("a host presenting another key than connection.hostKey is refused before any command runs", async () => {
  const wrong = `ssh-ed25519 ${(sshUtils.parseKey(otherHostKeys.public) as any).getPublicSSH().toString("base64")}`;
  const s = await apply([cmd("a", { create: "echo ran >> log", hostKey: wrong })]);
  expect(s.ok).toBe(false);
  expect(s.error).toMatch(/presented host key SHA256:.*pins SHA256:.*refusing to connect/);
  // The connection object is secret as a whole, but only its credentials are scrubbed: the host stays named.
  expect(s.error).toContain(`host 127.0.0.1:${host.port} presented`);
  expect(host.execs).toHaveLength(0);
});

test("an abort mid-run keeps what finished, and the next apply converges without redoing it", async () => {
  const ctrl = new AbortController();
  const prog = [cmd("a", { create: "echo a >> log" }), cmd("b", { create: "sleep 5; echo b >> log", deps: ["a"] }), cmd("c", { create: "echo c >> log", deps: ["b"] })];
  setTimeout(() => ctrl.abort(), 700);
  const s = await runApply({ stack: STACK, captured: prog, statePath, signal: ctrl.signal, ...quiet });
  expect(s.ok).toBe(false);
  const again = await apply([cmd("a", { create: "echo a >> log" }), cmd("b", { create: "echo b >> log", deps: ["a"] }), cmd("c", { create: "echo c >> log", deps: ["b"] })]);
  expect(again.ok).toBe(true);
  expect(again.steps.map((x) => `${x.op}:${x.name}`)).toEqual(["same:a", "create:b", "create:c"]);
});

test("a run killed inside a step leaves a pending-operation mark; the next apply names it and runs the step again", async () => {
  const prog = [cmd("a", { create: "echo a >> log" })];
  fs.mkdirSync(path.dirname(statePath), { recursive: true });
  const { emptyState, writeApplyState } = await import("../../../src/lab/apply/applyState");
  const st = emptyState(STACK);
  st.pendingOperations = [{ urn: urnOf("a"), op: "create", startedAt: "2026-01-01T00:00:00.000Z" }];
  writeApplyState(statePath, st);
  const lines: string[] = [];
  const s = await runApply({ stack: STACK, captured: prog, statePath, log: (l) => lines.push(l) });
  expect(s.ok).toBe(true);
  expect(lines[0]).toMatch(/previous apply was interrupted during create of a .*runs again/);
  expect(JSON.parse(fs.readFileSync(statePath, "utf8")).pendingOperations).toEqual([]);
});
