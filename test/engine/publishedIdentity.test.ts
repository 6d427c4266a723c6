import { EngineWorkspace } from "../support/engineWorkspace";

/**
 * The example's keys are public: a stack that still trusts the example's admin key previews (a preview
 * touches nothing) but `pulumi up` refuses before any resource is registered, naming the key. The address
 * is loopback's closed port 1, so even a broken refusal could reach nothing.
 */
const H = "ha-hardened-host:hosts[0]";
let ws: EngineWorkspace;
beforeAll(() => {
  ws = new EngineWorkspace();
  ws.stackFrom("example", "published", { [`${H}.address`]: "127.0.0.1", [`${H}.sshPort`]: 1 });
}, 300_000);
afterAll(() => ws?.remove());

test("pulumi up of a stack that trusts the example's published admin key is refused before anything is registered", () => {
  const up = ws.pulumi(["up", "--yes", "--non-interactive", "--stack", "published", "--config-file", ws.stackFile("published"), "--policy-pack", `${process.cwd()}/policies`]);
  expect(up.code).not.toBe(0);
  expect(up.stdout).toMatch(/ha-hardened-host:hosts\[0\]\.admin\.authorizedKeys\[0\]: must not be used: it is the example stack's published key/);
  expect(up.stdout).not.toMatch(/command:remote:Command \S+ creating/);
  const exported = JSON.parse(ws.pulumi(["stack", "export", "--stack", "published"]).stdout);
  expect((exported.deployment.resources ?? []).filter((r: { type: string }) => r.type === "command:remote:Command")).toEqual([]);
}, 300_000);
