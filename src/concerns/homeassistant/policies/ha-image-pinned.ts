import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readStep } from "../../../core/policy/readStep";
import { haImageFindings } from "../evaluateHaUnit";

/** No configSchema: a moving tag updates Home Assistant behind the user's back and can never be rolled back to. */
export const haImagePinned: ResourceValidationPolicy = {
  ...checklistMetadata(
    "ha-image-pinned",
    "The unit a step installs for Home Assistant must run an image pinned by digest, so an update happens only when the config changes and a rebuild runs the same image.",
  ),
  severity: "medium",
  enforcementLevel: "mandatory",
  remediationSteps: "Set homeAssistant.image to name:tag@sha256:<digest> (podman pull prints the digest); change that line to update.",
  validateResource: (args, reportViolation) => {
    const step = readStep(args.type, args.props);
    if (step?.manifest.kind !== "container-unit") return args.notApplicable("The resource installs no container unit.");
    const m = step.manifest;
    for (const f of haImageFindings(`${m.host}:${m.dir}/${m.file}`, step.readStdin())) reportViolation(f);
  },
};
