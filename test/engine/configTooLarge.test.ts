import { EngineWorkspace } from "../support/engineWorkspace";

/**
 * Linux caps one environment variable at 128 KiB, and the engine hands the program and the policy pack the
 * whole decrypted stack config in one (PULUMI_CONFIG): about 25 hosts' worth of keys. A stack past that must
 * fail with the reason, never wait for a policy pack that cannot start.
 */
let ws: EngineWorkspace;
beforeAll(() => {
  ws = new EngineWorkspace();
  ws.stackFrom("example", "huge");
  ws.set("huge", "ha-hardened-host:padding", "x".repeat(140 * 1024), { secret: true });
}, 300_000);
afterAll(() => ws?.remove());

test("a stack config too large for one environment variable fails the preview with the reason, and does not hang", () => {
  const r = ws.preview("huge");
  expect(r.code).not.toBe(0);
  expect(r.code).not.toBeNull(); // ended by itself, not by the timeout
  expect(r.stdout + r.stderr).toMatch(/argument list too long/);
}, 300_000);
