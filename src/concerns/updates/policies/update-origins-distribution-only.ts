import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readStep } from "../../../core/policy/readStep";
import { findExtraOrigins } from "../findExtraOrigins";
import { aptConfPayload } from "./aptConfPayload";

/**
 * Advisory, with configSchema: an owner may deliberately install a vendor's updates unattended (`updates.extraOrigins`);
 * each such origin is flagged until this policy's `allowedExtraOrigins` names it too.
 */
export const updateOriginsDistributionOnly: ResourceValidationPolicy = {
  ...checklistMetadata(
    "update-origins-distribution-only",
    "The apt configuration a step puts on the host should let unattended-upgrades install only from the distribution's own security origins; every other origin is flagged unless the policy config allows it by name.",
  ),
  severity: "medium",
  enforcementLevel: "advisory",
  remediationSteps:
    "Remove the origin from `updates.extraOrigins`, or, when installing from it unattended is intended, list the same text in this policy's `allowedExtraOrigins` config.",
  configSchema: {
    properties: {
      allowedExtraOrigins: {
        type: "array",
        items: { type: "string", minLength: 1 },
        description: "Origins-Pattern texts accepted beyond the distribution's security origins, exactly as in `updates.extraOrigins`.",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    const step = readStep(args.type, args.props);
    const payload = step && aptConfPayload(step);
    if (!payload) return args.notApplicable("The resource writes no apt configuration.");
    const allowed = args.getConfig<{ allowedExtraOrigins?: string[] }>().allowedExtraOrigins ?? [];
    for (const p of findExtraOrigins(payload.text, { subject: payload.subject, allowed })) reportViolation(p);
  },
};
