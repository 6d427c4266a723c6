import * as path from "path";
import { pathToFileURL } from "url";
import type { EnforcementLevel, PolicyPackInfo, Severity } from "../analyzer/policyDiagnostic";
import { CHECKLIST_FRAMEWORK } from "../core/checklist/items";
import { urnParts } from "./checklistReport";
import { HostIndex, hostsOfFinding } from "./hostOfResource";
import type { CheckViolation } from "./runCheck";
import { SettingLocation, StackFileLocator } from "./settingLocation";

/** The OASIS SARIF 2.1.0 schema (errata 01), as `$schema` names it. */
export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** A mandatory violation refuses the deployment (error); an advisory one is a warning. */
export function sarifLevel(level: EnforcementLevel): "error" | "warning" | "none" {
  if (level === "mandatory" || level === "remediate") return "error";
  return level === "advisory" ? "warning" : "none";
}

/**
 * `security-severity` (a score GitHub code scanning reads: 9.0+ critical, 7.0–8.9 high, 4.0–6.9 medium,
 * 0.1–3.9 low), in the middle of each band.
 */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "2.0" };

export interface SarifInput {
  stack: string;
  /** The project root: a stack file inside it is named relative to it (as a repository path). */
  projectDir: string;
  stackFile: string;
  stackFileText: string;
  /** The project name, the `project:` prefix of config keys. */
  project: string;
  pack: PolicyPackInfo & { packageVersion: string };
  violations: CheckViolation[];
  hosts: HostIndex;
}

/** `ssh-root-login-disabled` -> `SshRootLoginDisabled` (SARIF's rule name is an identifier). */
function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}

function firstSentence(text: string): string {
  return /^.*?[.!?](?=\s|$)/s.exec(text)?.[0] ?? text;
}

/**
 * The check as a SARIF 2.1.0 log: one rule per policy of the pack (description, remediation as help, level and
 * security-severity), one result per violation (one per resource, as `--json`'s violations). A result is
 * located in the stack file at the setting it is about, where the stack wrote one (an entry of a judged
 * setting such as `sshd.extraSettings`), and always by its resource URN as a logical location (a stack-wide finding about a host: the host's
 * HardenedHost component).
 */
export function toSarif(input: SarifInput): Record<string, unknown> {
  const { pack } = input;
  const rules = pack.policies.map((p) => {
    const level = sarifLevel(p.enforcementLevel);
    return {
      id: p.name,
      name: pascalCase(p.name),
      shortDescription: { text: firstSentence(p.description) },
      fullDescription: { text: p.description },
      help: { text: p.remediationSteps },
      helpUri: p.framework?.reference || CHECKLIST_FRAMEWORK.reference,
      defaultConfiguration: { level, enabled: level !== "none" },
      properties: {
        ...(p.severity ? { "security-severity": SECURITY_SEVERITY[p.severity] } : {}),
        tags: ["security", ...(p.framework?.specification ? [p.framework.specification.split(":")[0]] : [])],
        enforcementLevel: p.enforcementLevel,
        ...(p.severity ? { severity: p.severity } : {}),
      },
    };
  });

  const relative = path.relative(input.projectDir, input.stackFile);
  const inProject = relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
  const artifactLocation = inProject
    ? { uri: relative.split(path.sep).join("/"), uriBaseId: "PROJECTROOT" }
    : { uri: pathToFileURL(input.stackFile).href };
  const locator = new StackFileLocator(input.stackFileText, input.project);

  const results = input.violations.map((v) => {
    const hosts = hostsOfFinding(input.hosts, { urn: v.resourceUrn ?? "", message: v.message });
    let setting: SettingLocation | undefined;
    for (const host of hosts) setting ??= locator.settingFor(host, v.message);
    const urns = v.resourceUrn ? [v.resourceUrn] : hosts.map((h) => input.hosts.componentUrn.get(h)).filter((u): u is string => !!u);
    const logicalLocations = urns.map((urn) => ({ fullyQualifiedName: urn, name: urnParts(urn).name, kind: "resource" }));
    const location = {
      ...(setting
        ? {
            physicalLocation: {
              artifactLocation,
              region: {
                startLine: setting.startLine,
                startColumn: setting.startColumn,
                endLine: setting.endLine,
                endColumn: setting.endColumn,
                snippet: { text: setting.snippet },
              },
            },
          }
        : {}),
      ...(logicalLocations.length ? { logicalLocations } : {}),
    };
    const ruleIndex = pack.policies.findIndex((p) => p.name === v.policyName);
    return {
      ruleId: v.policyName,
      ...(ruleIndex >= 0 ? { ruleIndex } : {}),
      level: sarifLevel(v.enforcementLevel),
      message: { text: v.message },
      ...(Object.keys(location).length ? { locations: [location] } : {}),
      properties: {
        enforcementLevel: v.enforcementLevel,
        ...(v.severity ? { severity: v.severity } : {}),
        ...(setting ? { configKey: setting.configKey } : {}),
      },
    };
  });

  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: pack.name,
            version: pack.packageVersion,
            semanticVersion: pack.packageVersion,
            rules,
          },
        },
        automationDetails: { id: `ha-hardened-host-check/${input.stack}/` },
        ...(inProject ? { originalUriBaseIds: { PROJECTROOT: { uri: pathToFileURL(input.projectDir + path.sep).href } } } : {}),
        artifacts: [{ location: artifactLocation, roles: ["analysisTarget"] }],
        invocations: [{ executionSuccessful: true }],
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}
