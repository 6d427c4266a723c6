import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readStep } from "../../../core/policy/readStep";
import { stepsByHost } from "../../../core/policy/stepsByHost";
import { REMOTE_COPY_FILE, REMOTE_COPY_TO_REMOTE } from "../../../core/policy/remoteTypes";
import { evaluateAutomaticUpdates } from "../evaluateAutomaticUpdates";
import { UPDATES_PATHS } from "../updatesPaths";
import { aptConfPayload, isAptConfPath } from "./aptConfPayload";

/** No configSchema: there is no legitimate exception to a host installing its distribution's security fixes. */
export const automaticSecurityUpdatesOn: ResourceValidationPolicy & StackValidationPolicy = {
  ...checklistMetadata(
    "automatic-security-updates-on",
    `Every host must get the project's unattended-upgrades file (${UPDATES_PATHS.aptConf}), which switches the daily package-list refresh and unattended upgrade on and allows its OS's security origin, and no apt configuration a step puts on the host may switch them off.`,
  ),
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    `Keep the updates concern's step that writes ${UPDATES_PATHS.aptConf} with APT::Periodic::Update-Package-Lists and APT::Periodic::Unattended-Upgrade set to "1" and the OS's security origin in Unattended-Upgrade::Origins-Pattern, and remove any apt configuration that sets them to "0".`,
  validateResource: (args, reportViolation) => {
    if (args.type === REMOTE_COPY_TO_REMOTE || args.type === REMOTE_COPY_FILE) {
      const remotePath = args.props.remotePath;
      if (typeof remotePath === "string" && isAptConfPath(remotePath)) {
        reportViolation(`${args.name} must not copy apt configuration to ${remotePath}; write it with a file step so its content can be judged.`);
        return;
      }
      return args.notApplicable("The resource copies no apt configuration.");
    }
    const step = readStep(args.type, args.props);
    const payload = step && aptConfPayload(step);
    if (!payload) return args.notApplicable("The resource writes no apt configuration.");
    for (const p of evaluateAutomaticUpdates(payload.text, payload)) reportViolation(p);
  },
  // Cross-resource: a host whose steps never write the file never updates itself.
  validateStack: (args, reportViolation) => {
    for (const [host, { urn, steps }] of stepsByHost(args.resources)) {
      if (!steps.some((s) => s.manifest.kind === "file" && s.manifest.path === UPDATES_PATHS.aptConf)) {
        reportViolation(`Host ${host} must have a file step writing ${UPDATES_PATHS.aptConf}; none of its steps does, so it never installs security fixes by itself.`, urn);
      }
    }
  },
};
