export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
export type Severity = "low" | "medium" | "high" | "critical";

/** One violation the pack reported, as the engine would print it. */
export interface PolicyDiagnostic {
  policyName: string;
  policyPackName: string;
  /** The policy's description. */
  description: string;
  /** The violation's own sentence (the pack's "description\nmessage" prefix removed). */
  message: string;
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
  /** The resource it is about ("" when the pack named none). */
  urn: string;
}

/** A policy that declared itself not applicable to a resource (or stack), with its reason. */
export interface PolicyNotApplicable {
  policyName: string;
  reason: string;
}

export interface AnalyzeResult {
  diagnostics: PolicyDiagnostic[];
  notApplicable: PolicyNotApplicable[];
}

/** The pack's self-description (GetAnalyzerInfo), reduced to what reports and tests need. */
export interface PolicyPackInfo {
  name: string;
  version: string;
  policies: {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity?: Severity;
    remediationSteps: string;
    framework?: { name: string; version: string; reference: string; specification: string };
    configSchema?: { properties: Record<string, unknown>; required: string[] };
  }[];
}

/** Config per policy, as `--policy-pack-config` takes it: a level, or properties with an optional level. */
export type PolicyPackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

/** Mandatory fails the preview and blocks the resource; a remediation that still fails counts as mandatory. */
export function blocksDeployment(level: EnforcementLevel): boolean {
  return level === "mandatory" || level === "remediate";
}

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
/** Indexed by the proto enum PolicySeverity (0 = unspecified). */
export const SEVERITIES: readonly (Severity | undefined)[] = [undefined, "low", "medium", "high", "critical"];
