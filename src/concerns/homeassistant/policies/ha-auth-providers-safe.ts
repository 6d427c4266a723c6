import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readStep } from "../../../core/policy/readStep";
import { authProviderFindings } from "../evaluateHaConfig";

/** No configSchema: a network that skips the login is a password-less door for every device on it (core#52054). */
export const haAuthProvidersSafe: ResourceValidationPolicy = {
  ...checklistMetadata(
    "ha-auth-providers-safe",
    "The auth providers a step configures must keep Home Assistant's password provider, and trusted networks may skip the login only for single hosts.",
  ),
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: "Leave homeAssistant.trustedNetworks empty, or list single hosts (/32, /128) when allowBypassLogin is true.",
  validateResource: (args, reportViolation) => {
    const step = readStep(args.type, args.props);
    if (step?.manifest.kind !== "ha-config" || step.manifest.part !== "managed-block") return args.notApplicable("The resource configures no Home Assistant auth providers.");
    for (const f of authProviderFindings(`${step.manifest.host}:${step.manifest.path}`, step.readStdin())) reportViolation(f);
  },
};
