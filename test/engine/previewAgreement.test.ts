import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { previewViolations } from "../../src/engine/previewViolations";
import { EngineWorkspace, ROOT } from "../support/engineWorkspace";

/**
 * The offline check and the real `pulumi preview --policy-pack policies` must judge a stack alike: the same
 * (policy, resource, level) violations. The stacks are made as a user makes them (secrets through
 * `pulumi config set --secret` on stdin) in a throw-away backend.
 */
const H = "ha-hardened-host:hosts[0]";
const CASES: [string, string, Record<string, unknown>][] = [
  ["example", "example", {}],
  ["lab", "lab", {}],
  ["password-auth", "example", { [`${H}.sshd.extraSettings.PasswordAuthentication`]: "yes" }],
  ["root-login", "example", { [`${H}.sshd.extraSettings.PermitRootLogin`]: "yes" }],
  ["weak-cipher", "lab", { [`${H}.sshd.extraSettings.Ciphers`]: "aes256-gcm@openssh.com,aes256-cbc" }],
  ["two-rules", "example", { [`${H}.sshd.extraSettings.PasswordAuthentication`]: "yes", [`${H}.sshd.extraSettings.MACs`]: "hmac-sha1" }],
];

let ws: EngineWorkspace;
beforeAll(() => {
  ws = new EngineWorkspace();
  for (const [stack, source, overrides] of CASES) ws.stackFrom(source, stack, overrides);
}, 300_000);
afterAll(() => ws?.remove());

function checkViolations(stack: string): string[] {
  const r = spawnSync(process.execPath, [path.join(ROOT, "dist", "src", "cli", "check.js"), "--stack", stack, "--stacks-dir", ws.stacksDir, "--json"], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  const report = JSON.parse(r.stdout) as { violations: { policyName: string; resourceUrn?: string; enforcementLevel: string }[] };
  return report.violations.map((v) => `${v.policyName} ${(v.resourceUrn ?? "").split("::").pop()} ${v.enforcementLevel}`).sort();
}

test.each(CASES)("stack %s (from %s): npm run check reports exactly the violations the real preview prints", (stack) => {
  const real = ws.preview(stack);
  const offline = checkViolations(stack);
  expect(previewViolations(real.stdout)).toEqual(offline);
  // A stack without a mandatory violation previews (advisories only warn); one with a mandatory violation is refused.
  expect(real.code === 0).toBe(offline.every((v) => !v.endsWith(" mandatory")));
  if (offline.length === 0) expect(real.stdout).toMatch(/✅ ha-securing-checklist@v\d+\.\d+\.\d+ \(local: /);
}, 300_000);

test("the violating stacks really are refused and the compliant ones really pass (the comparison above is not empty)", () => {
  expect(checkViolations("example")).toEqual([]);
  expect(checkViolations("lab")).toEqual(["update-origins-distribution-only lab-unattended-upgrades-config advisory"]);
  expect(checkViolations("password-auth")).toEqual(["ssh-password-auth-disabled ha-pi-bootstrap-sshd-config mandatory", "ssh-password-auth-disabled ha-pi-sshd-config mandatory"]);
}, 300_000);

test("--policy-pack-config allowedExtraAlgorithms lets a named extra algorithm through, as the README documents, and no other", () => {
  ws.stackFrom("example", "old-client", { [`${H}.sshd.extraSettings.HostKeyAlgorithms`]: "ssh-ed25519,ecdsa-sha2-nistp256" });
  const refused = ws.preview("old-client");
  expect(refused.code).not.toBe(0);
  expect(previewViolations(refused.stdout)).toEqual(["ssh-weak-algorithms-absent ha-pi-bootstrap-sshd-config mandatory", "ssh-weak-algorithms-absent ha-pi-sshd-config mandatory"]);
  const cfg = (allowed: string[]): string => {
    const f = path.join(ws.dir, `pp-${allowed.join("_") || "none"}.json`);
    fs.writeFileSync(f, JSON.stringify({ "ssh-weak-algorithms-absent": { allowedExtraAlgorithms: allowed } }));
    return f;
  };
  const allowed = ws.preview("old-client", ["--policy-pack-config", cfg(["ecdsa-sha2-nistp256"])]);
  expect(previewViolations(allowed.stdout)).toEqual([]);
  expect(allowed.code).toBe(0);
  const other = ws.preview("old-client", ["--policy-pack-config", cfg(["ecdsa-sha2-nistp384"])]);
  expect(other.code).not.toBe(0);
}, 300_000);

test("--policy-pack-config allowedExtraOrigins silences the flag on a named extra origin, and a mandatory level refuses it, as the README documents", () => {
  const lab = "origin=ha-hardened-host-lab,label=ha-hardened-host-lab";
  const cfg = (file: string, value: unknown): string => {
    const f = path.join(ws.dir, file);
    fs.writeFileSync(f, JSON.stringify({ "update-origins-distribution-only": value }));
    return f;
  };
  const allowed = ws.preview("lab", ["--policy-pack-config", cfg("pp-origin-allowed.json", { allowedExtraOrigins: [lab] })]);
  expect(previewViolations(allowed.stdout)).toEqual([]);
  expect(allowed.code).toBe(0);
  const strict = ws.preview("lab", ["--policy-pack-config", cfg("pp-origin-mandatory.json", "mandatory")]);
  expect(previewViolations(strict.stdout)).toEqual(["update-origins-distribution-only lab-unattended-upgrades-config mandatory"]);
  expect(strict.code).not.toBe(0);
}, 300_000);
