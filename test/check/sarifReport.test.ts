import * as fs from "fs";
import * as path from "path";
import { indexHosts } from "../../src/check/hostOfResource";
import type { CheckViolation } from "../../src/check/runCheck";
import { SarifInput, toSarif } from "../../src/check/sarifReport";
import { POLICY_NAMES } from "../../src/core/checklist/items";
import { host, packInfo, PASSWORD_FINDING } from "./fixtures";
import { sarifSchemaPath, validateSarif } from "./sarifSchema";

// Baseline: one host whose stack file sets PasswordAuthentication in extraSettings, which the pack reports
// on both sshd drop-in resources.
const a = host("ha-pi");
const PROJECT = "/home/user/ha-hardened-host";
const STACK_FILE = path.join(PROJECT, "stacks", "Pulumi.home.yaml");
const STACK_TEXT = [
  "config:",
  "  ha-hardened-host:hosts:",
  "    - name: ha-pi",
  "      sshd:",
  "        extraSettings:",
  "          PasswordAuthentication: yes",
  "",
].join("\n");
const violation = (urn: string | undefined, message = PASSWORD_FINDING, policyName = "ssh-password-auth-disabled"): CheckViolation => ({
  ...(urn ? { resourceUrn: urn } : {}),
  policyName,
  policyPackName: "ha-securing-checklist",
  policyPackVersion: "0.1.0",
  enforcementLevel: "mandatory",
  severity: "high",
  message,
});
const input = (over: Partial<SarifInput> = {}): SarifInput => ({
  stack: "home",
  projectDir: PROJECT,
  stackFile: STACK_FILE,
  stackFileText: STACK_TEXT,
  project: "ha-hardened-host",
  pack: packInfo(),
  violations: [violation(a.bootstrapSshd.urn), violation(a.sshd.urn)],
  hosts: indexHosts(a.all),
  ...over,
});
const run = (log: any) => log.runs[0];

describe("the SARIF schema used by the tests", () => {
  it("is the SARIF 2.1.0 schema from the npm package, not a hand-written one", () => {
    expect(sarifSchemaPath()).toContain(path.join("node_modules", "@microsoft", "sarif-multitool-ts"));
    const schema = JSON.parse(fs.readFileSync(sarifSchemaPath(), "utf8"));
    expect(schema.title).toBe("Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema");
    expect(schema.properties.version.enum).toEqual(["2.1.0"]);
  });

  it("rejects a log that breaks it, so a passing validation means something", () => {
    const log: any = toSarif(input());
    run(log).results[0].level = "fatal";
    delete run(log).tool.driver.name;
    const v = validateSarif(log);
    expect(v.valid).toBe(false);
    expect(v.errors.join("\n")).toMatch(/\/runs\/0\/results\/0\/level/);
    expect(v.errors.join("\n")).toMatch(/\/runs\/0\/tool\/driver .*name/);
  });
});

describe("toSarif", () => {
  it("writes a log the SARIF 2.1.0 schema accepts", () => {
    expect(validateSarif(toSarif(input()))).toEqual({ valid: true, errors: [] });
  });

  it("declares one rule per policy with its description, remediation as help, and its severity as level and security-severity", () => {
    const rules = run(toSarif(input())).tool.driver.rules;
    expect(rules.map((r: any) => r.id)).toEqual([...POLICY_NAMES]);
    const root = rules.find((r: any) => r.id === "ssh-root-login-disabled");
    expect(root.fullDescription.text).toBe(packInfo().policies.find((p) => p.name === "ssh-root-login-disabled")?.description);
    expect(root.help.text).toBe("Fix ssh-root-login-disabled.");
    expect(root.defaultConfiguration.level).toBe("error");
    expect(root.properties["security-severity"]).toBe("9.5");
    expect(rules.find((r: any) => r.id === "ssh-password-auth-disabled").properties["security-severity"]).toBe("8.0");
  });

  it("names the pack and the version read from its package.json as the tool", () => {
    const driver = run(toSarif(input({ pack: { ...packInfo(), packageVersion: "7.8.9" } }))).tool.driver;
    expect([driver.name, driver.version]).toEqual(["ha-securing-checklist", "7.8.9"]);
  });

  it("gives one result per violation (one per resource, as the engine reports them), pointing at its rule", () => {
    const results = run(toSarif(input())).results;
    expect(results).toHaveLength(2);
    expect(results.map((r: any) => [r.ruleId, run(toSarif(input())).tool.driver.rules[r.ruleIndex].id, r.level])).toEqual([
      ["ssh-password-auth-disabled", "ssh-password-auth-disabled", "error"],
      ["ssh-password-auth-disabled", "ssh-password-auth-disabled", "error"],
    ]);
  });

  it("locates a result at the extraSettings key in the stack file, relative to the project, and by its resource URN", () => {
    const log: any = toSarif(input());
    const [loc] = run(log).results[1].locations;
    expect(loc.physicalLocation.artifactLocation).toEqual({ uri: "stacks/Pulumi.home.yaml", uriBaseId: "PROJECTROOT" });
    expect(loc.physicalLocation.region).toMatchObject({ startLine: 6, startColumn: 11, endLine: 6, endColumn: 38, snippet: { text: "PasswordAuthentication: yes" } });
    expect(loc.logicalLocations).toEqual([{ fullyQualifiedName: a.sshd.urn, name: "ha-pi-sshd-config", kind: "resource" }]);
    expect(run(log).originalUriBaseIds.PROJECTROOT.uri).toBe("file:///home/user/ha-hardened-host/");
  });

  it("locates an advisory finding about an extra update origin at that list entry, as any judged setting", () => {
    const text = STACK_TEXT + ["      updates:", "        extraOrigins:", "          - origin=Vendor,label=Vendor", ""].join("\n");
    const message = 'ha-pi:/etc/apt/apt.conf.d/52ha-hardened-host-unattended must not allow "origin=Vendor,label=Vendor" in Unattended-Upgrade::Origins-Pattern.';
    const v = { ...violation(a.user.urn, message, "update-origins-distribution-only"), enforcementLevel: "advisory" as const };
    const log: any = toSarif(input({ stackFileText: text, violations: [v] }));
    expect(run(log).results[0].locations[0].physicalLocation.region).toMatchObject({ startLine: 9, startColumn: 13, snippet: { text: "origin=Vendor,label=Vendor" } });
    expect(run(log).results[0].properties.configKey).toBe("ha-hardened-host:hosts[0].updates.extraOrigins[0]");
    expect(validateSarif(log).valid).toBe(true);
  });

  it("names a stack file outside the project by its absolute file URI, because there is no project-relative path", () => {
    const log: any = toSarif(input({ stackFile: "/tmp/stacks/Pulumi.home.yaml" }));
    expect(run(log).results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: "file:///tmp/stacks/Pulumi.home.yaml" });
    expect(run(log).originalUriBaseIds).toBeUndefined();
    expect(validateSarif(log).valid).toBe(true);
  });

  it("locates a result only by URN when the stack file has no such setting, because there is no line to point at", () => {
    const log: any = toSarif(input({ stackFileText: STACK_TEXT.replace("PasswordAuthentication: yes", "MaxAuthTries: 3") }));
    expect(run(log).results[0].locations).toEqual([{ logicalLocations: [{ fullyQualifiedName: a.bootstrapSshd.urn, name: "ha-pi-bootstrap-sshd-config", kind: "resource" }] }]);
    expect(validateSarif(log).valid).toBe(true);
  });

  it("locates a stack-wide finding about a host at the host's component, because it has no URN of its own", () => {
    const v = violation(undefined, "Host ha-pi must have a user step creating homeassistant.", "homeassistant-user-unprivileged");
    const log: any = toSarif(input({ violations: [v] }));
    expect(run(log).results[0].locations).toEqual([{ logicalLocations: [{ fullyQualifiedName: a.component.urn, name: "ha-pi", kind: "resource" }] }]);
    expect(validateSarif(log).valid).toBe(true);
  });

  it("gives a finding about no host no location at all, and the log stays valid", () => {
    const log: any = toSarif(input({ violations: [violation(undefined, "The stack registers no host.", "homeassistant-user-unprivileged")] }));
    expect(run(log).results[0].locations).toBeUndefined();
    expect(validateSarif(log).valid).toBe(true);
  });

  it("maps an advisory violation to a warning, because it does not block the deployment", () => {
    const log: any = toSarif(input({ violations: [{ ...violation(a.sshd.urn), enforcementLevel: "advisory" }] }));
    expect(run(log).results[0].level).toBe("warning");
  });
});
