import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { evaluateServiceUser } from "../evaluateServiceUser";
import { findPrivilegeGrants, isSudoersPath } from "../findPrivilegeGrants";
import { HA_SERVICE_USER } from "../serviceUserRules";
import { decodeUserSpec } from "../../../core/stepManifest";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readStep } from "../../../core/policy/readStep";
import { stepsByHost } from "../../../core/policy/stepsByHost";

/** No configSchema: Home Assistant never needs root, sudo or a login shell on this host. */
export const homeassistantUserUnprivileged: ResourceValidationPolicy & StackValidationPolicy = {
  ...checklistMetadata(
    "homeassistant-user-unprivileged",
    `Every host must create the ${HA_SERVICE_USER} service user as an unprivileged account: not root or uid 0, no sudo, no administrator groups, no login shell and no SSH keys, and no other step may grant it sudo through a sudoers file or a group change.`,
  ),
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    `Give the ${HA_SERVICE_USER} user step \`sudo=no\`, no groups, \`shell=/usr/sbin/nologin\` and no authorized keys, and remove any sudoers line or usermod/gpasswd/adduser call naming ${HA_SERVICE_USER}.`,
  validateResource: (args, reportViolation) => {
    const step = readStep(args.type, args.props);
    if (!step) return args.notApplicable("The resource is not a provisioning step.");
    const m = step.manifest;
    const problems: string[] = [];
    if (m.kind === "user") {
      const spec = step.readStdin();
      if (m.name === HA_SERVICE_USER || decodeUserSpec(spec).name === HA_SERVICE_USER) problems.push(...evaluateServiceUser(spec));
    }
    const path = m.kind === "file" ? m.path : undefined;
    const content = path && isSudoersPath(path) ? step.readStdin() : undefined;
    problems.push(...findPrivilegeGrants({ path, content, script: step.create }));
    for (const p of problems) reportViolation(`On ${m.host}: ${p}`);
  },
  // Cross-resource: a host whose steps never create the service user would leave Home Assistant to run as someone else.
  validateStack: (args, reportViolation) => {
    for (const [host, { urn, steps }] of stepsByHost(args.resources)) {
      if (!steps.some((s) => s.manifest.kind === "user" && s.manifest.name === HA_SERVICE_USER)) {
        reportViolation(`Host ${host} must have a user step creating ${HA_SERVICE_USER}; none of its steps does, so Home Assistant has no unprivileged account.`, urn);
      }
    }
  },
};
