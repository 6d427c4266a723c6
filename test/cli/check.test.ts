import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { findAll, parseXml } from "../check/parseXml";
import { validateSarif } from "../check/sarifSchema";

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
    const v = report.violations.filter((x: any) => x.policyName === "ssh-root-login-disabled");
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
    const v = JSON.parse(r.stdout).violations.filter((x: any) => x.policyName === "ssh-weak-algorithms-absent");
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

  it("names --json violations as the engine's policy events do, with the pack's name and the version from its package.json", () => {
    const dir = variant((h) => (h.sshd.extraSettings = { PasswordAuthentication: "yes" }));
    const r = check(["--stack", "variant", "--stacks-dir", dir, "--json"]);
    expect(r.code).toBe(1);
    const { violations } = JSON.parse(r.stdout);
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "package.json"), "utf8")).version;
    // One per resource, as the engine reports them: the bootstrap and the admin copy of the drop-in.
    expect(violations.map((v: any) => v.resourceUrn.split("::").pop())).toEqual(["ha-pi-bootstrap-sshd-config", "ha-pi-sshd-config"]);
    for (const v of violations) {
      expect(Object.keys(v).sort()).toEqual(["enforcementLevel", "message", "policyName", "policyPackName", "policyPackVersion", "resourceUrn", "severity"]);
      expect(v).toMatchObject({ policyName: "ssh-password-auth-disabled", policyPackName: "ha-securing-checklist", policyPackVersion: version, enforcementLevel: "mandatory", severity: "high" });
    }
  });

  it("prints one bad setting once in the text report, naming both drop-in resources, worded like the preview", () => {
    const dir = variant((h) => (h.sshd.extraSettings = { PasswordAuthentication: "yes", MACs: "hmac-sha1" }));
    const r = check(["--stack", "variant", "--stacks-dir", dir]);
    expect(r.code).toBe(1);
    const both = "(command:remote:Command: ha-pi-bootstrap-sshd-config, ha-pi-sshd-config)";
    expect(r.stdout).toContain(`- [mandatory] [severity: high]  ssh-password-auth-disabled  ${both}`);
    expect(r.stdout).toContain(`- [mandatory] [severity: high]  ssh-weak-algorithms-absent  ${both}`);
    expect(r.stdout.match(/must not set PasswordAuthentication to yes/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/4 mandatory violations \(2 distinct findings\): `pulumi up` would be refused/);
  });

  it("--sarif writes a valid SARIF 2.1.0 log locating the violation at the setting's line in the stack file", () => {
    const dir = variant((h) => (h.sshd.extraSettings = { PasswordAuthentication: "yes" }));
    const r = check(["--stack", "variant", "--stacks-dir", dir, "--sarif"]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log)).toEqual({ valid: true, errors: [] });
    const file = path.join(dir, "Pulumi.variant.yaml");
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const line = lines.findIndex((l) => /^\s*PasswordAuthentication:/.test(l)) + 1;
    const results = log.runs[0].results;
    expect(results).toHaveLength(2);
    for (const res of results) {
      expect(res).toMatchObject({ ruleId: "ssh-password-auth-disabled", level: "error" });
      const phys = res.locations[0].physicalLocation;
      expect(phys.artifactLocation.uri).toBe(`file://${file}`);
      expect(phys.region.startLine).toBe(line);
      expect(phys.region.startColumn).toBe(lines[line - 1].indexOf("PasswordAuthentication") + 1);
    }
    expect(log.runs[0].tool.driver.rules.map((x: any) => x.id)).toContain("ssh-password-auth-disabled");
  });

  it("--sarif on the compliant example is a valid log with no results, naming the stack file relative to the project", () => {
    const r = check(["--stack", "example", "--sarif"]);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log)).toEqual({ valid: true, errors: [] });
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].artifacts[0].location).toEqual({ uri: "stacks/Pulumi.example.yaml", uriBaseId: "PROJECTROOT" });
  });

  it("--junit writes well-formed JUnit XML: a suite for the host, a failure for the broken item, TODO items skipped", () => {
    const dir = variant((h) => (h.sshd.extraSettings = { PermitRootLogin: "yes" }));
    const r = check(["--stack", "variant", "--stacks-dir", dir, "--junit"]);
    expect(r.code).toBe(1);
    const root = parseXml(r.stdout);
    const [suite] = findAll(root, "testsuite");
    expect(suite.attrs.name).toBe("ha-pi");
    const cases = findAll(suite, "testcase");
    const failed = cases.filter((c) => c.children.some((x) => x.name === "failure"));
    expect(failed.map((c) => c.attrs.name)).toEqual(["Set PermitRootLogin no in the sshd config [ssh-no-root-login]"]);
    expect(failed[0].children[0].attrs.message).toMatch(/PermitRootLogin/);
    expect(cases.find((c) => c.attrs.name.endsWith("[fail2ban]"))?.children[0].attrs).toEqual({ message: "not enforced yet" });
  });

  it("exits 2 with a usage error and prints nothing on stdout when two output formats are asked for", () => {
    const r = check(["--stack", "example", "--json", "--sarif"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/only one of --json, --sarif, --junit at a time/);
    expect(r.stderr).toMatch(/usage: npm run check -- --stack NAME/);
    expect(r.stdout).toBe("");
  });

  it("exits 2 with the usage when --stack is missing", () => {
    const r = check([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: npm run check -- --stack NAME/);
  });
});
