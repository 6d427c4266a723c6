import type { PolicyDiagnostic, PolicyPackInfo } from "../../src/analyzer/policyDiagnostic";
import type { PolicyRun } from "../../src/check/checklistReport";
import { POLICY_NAMES } from "../../src/core/checklist/items";
import { HARDENED_HOST_TYPE } from "../../src/core/stepManifest";
import type { CapturedResource } from "../../src/preview/capturedResource";

export const COMMAND = "command:remote:Command";
const STACK_URN = "urn:pulumi:test::ha-hardened-host::pulumi:pulumi:Stack::ha-hardened-host-test";

/** A captured resource with a URN built the way the engine builds it (parent types chained with `$`). */
export function resource(type: string, name: string, parent?: CapturedResource): CapturedResource {
  const qualified = parent && parent.type !== "pulumi:pulumi:Stack" ? `${parent.urn.split("::")[2]}$${type}` : type;
  return {
    urn: `urn:pulumi:test::ha-hardened-host::${qualified}::${name}`,
    type,
    name,
    custom: type !== HARDENED_HOST_TYPE,
    parent: parent?.urn ?? STACK_URN,
    dependencies: [],
    propertyDependencies: {},
    inputs: {},
    ignoreChanges: [],
    replaceOnChanges: [],
    deleteBeforeReplace: false,
    additionalSecretOutputs: [],
  };
}

/** A host as the program registers it: the component and (some of) its steps, named `<host>-<step>`. */
export function host(name: string): { component: CapturedResource; bootstrapSshd: CapturedResource; sshd: CapturedResource; user: CapturedResource; all: CapturedResource[] } {
  const component = resource(HARDENED_HOST_TYPE, name);
  const bootstrapSshd = resource(COMMAND, `${name}-bootstrap-sshd-config`, component);
  const sshd = resource(COMMAND, `${name}-sshd-config`, component);
  const user = resource(COMMAND, `${name}-homeassistant-user`, component);
  return { component, bootstrapSshd, sshd, user, all: [component, bootstrapSshd, sshd, user] };
}

/** A mandatory finding of `policyName` (the pack's level and severity for the sshd policies). */
export function finding(policyName: string, urn: string, message: string, level: PolicyDiagnostic["enforcementLevel"] = "mandatory"): PolicyDiagnostic {
  return { policyName, policyPackName: "ha-securing-checklist", description: `${policyName} description`, message, enforcementLevel: level, severity: "high", urn };
}

/** Every policy judged every resource and found something to judge (none said "not applicable"). */
export function applicableRuns(resources: CapturedResource[]): PolicyRun[] {
  return resources.flatMap((r) => POLICY_NAMES.map((policyName) => ({ urn: r.urn, policyName, notApplicable: false })));
}

/** The pack's info as GetAnalyzerInfo returns it, for every catalog policy (mandatory, high; root login critical). */
export function packInfo(): PolicyPackInfo & { packageVersion: string } {
  return {
    name: "ha-securing-checklist",
    version: "0.1.0",
    packageVersion: "0.1.0",
    policies: POLICY_NAMES.map((name) => ({
      name,
      description: `${name} must hold. It enforces the Home Assistant Securing checklist item "x".`,
      enforcementLevel: "mandatory" as const,
      severity: name === "ssh-root-login-disabled" ? ("critical" as const) : ("high" as const),
      remediationSteps: `Fix ${name}.`,
      framework: { name: "Home Assistant Securing checklist", version: "2026-11-22", reference: "https://www.home-assistant.io/docs/configuration/securing/", specification: `item-of-${name}: title` },
    })),
  };
}

export const PASSWORD_FINDING = "ha-pi:/etc/ssh/sshd_config.d/00-ha-hardened-host.conf must not set PasswordAuthentication to yes; found `PasswordAuthentication yes` on line 7.";
