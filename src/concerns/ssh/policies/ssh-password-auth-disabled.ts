import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { validateSshdRule } from "./validateSshdRule";

/** No configSchema: keys are the only way in; a password prompt has no legitimate place here. */
export const sshPasswordAuthDisabled: ResourceValidationPolicy = {
  ...checklistMetadata(
    "ssh-password-auth-disabled",
    "The sshd configuration a step puts on the host must switch off password and keyboard-interactive (ChallengeResponse) authentication and empty passwords, Match blocks included, and no AuthenticationMethods list may ask for a password.",
  ),
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Set `PasswordAuthentication no`, `KbdInteractiveAuthentication no`, `PermitEmptyPasswords no` and `AuthenticationMethods publickey`, remove overrides that turn them back on, and give every user an authorized key instead.",
  validateResource: validateSshdRule("password-auth"),
};
