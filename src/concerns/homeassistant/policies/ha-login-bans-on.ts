import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readStep } from "../../../core/policy/readStep";
import { loginBanFindings } from "../evaluateHaConfig";

/** No configSchema: Home Assistant is reachable from the VPN and the LAN, and without bans a password can be guessed forever. */
export const haLoginBansOn: ResourceValidationPolicy = {
  ...checklistMetadata(
    "ha-login-bans-on",
    "The http settings a step applies to Home Assistant must ban an address after a number of failed logins (ip_ban_enabled with a login_attempts_threshold).",
  ),
  severity: "medium",
  enforcementLevel: "mandatory",
  remediationSteps: "Leave homeAssistant.http.ipBanEnabled true and loginAttemptsThreshold at 1 or more (default 5).",
  validateResource: (args, reportViolation) => {
    const step = readStep(args.type, args.props);
    if (step?.manifest.kind !== "ha-owner") return args.notApplicable("The resource applies no Home Assistant http settings.");
    for (const f of loginBanFindings(`${step.manifest.host}:Home Assistant's http settings`, step.manifest.http)) reportViolation(f);
  },
};
