import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readStep } from "../../../core/policy/readStep";
import { plaintextCredentialFindings } from "../evaluateHaConfig";

/** No configSchema: a credential in configuration.yaml ends up in every copy and repository of it. */
export const haConfigCredentialsSecret: ResourceValidationPolicy = {
  ...checklistMetadata(
    "ha-config-credentials-secret",
    "Home Assistant configuration a step manages must refer to every password, token or key with !secret, never hold the value itself.",
  ),
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: "Put the value under homeAssistant.secrets (set with `pulumi config set --secret --path`) and refer to it as `!secret name`.",
  validateResource: (args, reportViolation) => {
    const step = readStep(args.type, args.props);
    if (step?.manifest.kind !== "ha-config") return args.notApplicable("The resource manages no Home Assistant configuration.");
    for (const f of plaintextCredentialFindings(`${step.manifest.host}:${step.manifest.path}`, step.readStdin())) reportViolation(f);
  },
};
