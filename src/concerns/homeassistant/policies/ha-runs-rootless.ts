import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readStep } from "../../../core/policy/readStep";
import { haUnitRootFindings } from "../evaluateHaUnit";

/** No configSchema: Home Assistant with root's power is the checklist's "don't run it as root", whatever the reason. */
export const haRunsRootless: ResourceValidationPolicy = {
  ...checklistMetadata(
    "ha-runs-rootless",
    "The unit a step installs for Home Assistant must run it in the homeassistant user's rootless Podman, with no privileged flag, no host user namespace and no extra capabilities.",
  ),
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: "Let the homeassistant concern render the unit: it runs as homeassistant, rootless, with no-new-privileges; pass radio sticks with homeAssistant.devices instead of --privileged.",
  validateResource: (args, reportViolation) => {
    const step = readStep(args.type, args.props);
    if (step?.manifest.kind !== "container-unit") return args.notApplicable("The resource installs no container unit.");
    const m = step.manifest;
    for (const f of haUnitRootFindings(`${m.host}:${m.dir}/${m.file}`, m.user, step.readStdin())) reportViolation(f);
  },
};
