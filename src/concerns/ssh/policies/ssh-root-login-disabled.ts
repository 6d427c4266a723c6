import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { validateSshdRule } from "./validateSshdRule";

/** No configSchema: there is no legitimate exception to root logging in over SSH. */
export const sshRootLoginDisabled: ResourceValidationPolicy = {
  ...checklistMetadata(
    "ssh-root-login-disabled",
    "The sshd configuration a step puts on the host must set PermitRootLogin no everywhere, Match blocks included; prohibit-password, without-password and forced-commands-only still let root in.",
  ),
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Remove every PermitRootLogin line other than `PermitRootLogin no` from the sshd drop-in, its overrides and `sshd.extraSettings`, and log in as the admin user, who uses sudo.",
  validateResource: validateSshdRule("root-login"),
};
