import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readStep } from "../../../core/policy/readStep";
import { firstStartFindings } from "../evaluateHaConfig";

/** No configSchema: onboarding is unauthenticated until the owner exists, so whoever reaches a fresh instance first owns it. */
export const haClosedUntilOwner: ResourceValidationPolicy = {
  ...checklistMetadata(
    "ha-closed-until-owner",
    "The package a fresh Home Assistant starts with must bind it to the host itself only, so its port is closed to everyone else until the apply has created the owner.",
  ),
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: "Let the homeassistant concern render the first-start package (http.server_host 127.0.0.1); it is removed once the owner exists.",
  validateResource: (args, reportViolation) => {
    const step = readStep(args.type, args.props);
    if (step?.manifest.kind !== "ha-config" || step.manifest.part !== "first-start") return args.notApplicable("The resource writes no first-start package.");
    for (const f of firstStartFindings(`${step.manifest.host}:${step.manifest.path}`, step.readStdin())) reportViolation(f);
  },
};
