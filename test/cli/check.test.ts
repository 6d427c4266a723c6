import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";

// Runs the built CLI exactly as `npm run check` does (npm test builds first).
const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "dist", "src", "cli", "check.js");

function check(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary stacks dir holding the example stack changed by `edit` (the example itself is never touched). */
function variant(edit: (host: any) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-check-"));
  const doc = YAML.parseDocument(fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.example.yaml"), "utf8"));
  const js = doc.toJS();
  edit(js.config["ha-hardened-host:hosts"][0]);
  fs.writeFileSync(path.join(dir, "Pulumi.variant.yaml"), YAML.stringify(js));
  return dir;
}

describe("npm run check", () => {
  it("passes the commented example stack with exit 0 and reports every checklist item for its host", () => {
    const r = check(["--stack", "example", "--json"]);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.violations).toEqual([]);
    const items = report.checklist.filter((e: any) => e.host === "ha-pi");
    expect(items.length).toBeGreaterThanOrEqual(12);
    expect(items.find((e: any) => e.item === "ssh-no-root-login").status).toBe("pass");
    // Items no policy covers yet are said to be so, never counted as passed.
    expect(items.find((e: any) => e.item === "fail2ban").status).toBe("not-enforced");
  });

  it("prints a human checklist with PASS lines and a closing verdict", () => {
    const r = check(["--stack", "example"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Host ha-pi/);
    expect(r.stdout).toMatch(/PASS\s+Set PermitRootLogin no/);
    expect(r.stdout).toMatch(/No mandatory violation/);
  });

  it("exits 1 and names the policy and the offending value when an override turns root login back on", () => {
    const dir = variant((h) => (h.sshd.extraSettings = { PermitRootLogin: "yes" }));
    const r = check(["--stack", "variant", "--stacks-dir", dir, "--json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const v = report.violations.filter((x: any) => x.policy === "ssh-root-login-disabled");
    expect(v.length).toBeGreaterThan(0);
    expect(v[0].enforcementLevel).toBe("mandatory");
    expect(v[0].message).toMatch(/PermitRootLogin/);
    expect(v[0].message).toMatch(/yes/);
    expect(report.checklist.find((e: any) => e.item === "ssh-no-root-login").status).toBe("fail");
  });

  it("exits 1 when an override slips a CBC cipher in, and says which one", () => {
    const dir = variant((h) => (h.sshd.extraSettings = { Ciphers: "aes256-ctr,aes128-cbc" }));
    const r = check(["--stack", "variant", "--stacks-dir", dir, "--json"]);
    expect(r.code).toBe(1);
    const v = JSON.parse(r.stdout).violations.filter((x: any) => x.policy === "ssh-weak-algorithms-absent");
    expect(v.length).toBeGreaterThan(0);
    expect(v[0].message).toMatch(/aes128-cbc/);
  });

  it("exits 2 with the config key and the problem, and no stack trace, for a typo in the stack", () => {
    const dir = variant((h) => {
      h.address = "not an address!";
      h.sshPort = 70000;
    });
    const r = check(["--stack", "variant", "--stacks-dir", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ha-hardened-host:hosts\[0\]\.address: /);
    expect(r.stderr).toMatch(/ha-hardened-host:hosts\[0\]\.sshPort: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });

  it("exits 2 and says how to start when the stack file does not exist", () => {
    const r = check(["--stack", "no-such-stack"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Pulumi\.no-such-stack\.yaml does not exist/);
  });

  it("exits 2 with the usage when --stack is missing", () => {
    const r = check([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: npm run check -- --stack NAME/);
  });
});
