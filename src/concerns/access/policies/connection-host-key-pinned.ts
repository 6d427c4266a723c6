import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readConnections } from "./readConnections";

/** One public key in authorized_keys format: type, base64 blob, optional comment. */
const AUTHORIZED_KEY = /^[a-z0-9@.-]+ [A-Za-z0-9+/]+={0,2}( .*)?$/;

/** No configSchema: without hostKey @pulumi/command checks no host key at all, so there is no safe exception. */
export const connectionHostKeyPinned: ResourceValidationPolicy = {
  ...checklistMetadata(
    "connection-host-key-pinned",
    "Every remote command and copy must pin the host's SSH key in connection.hostKey (its bastion's too), because without it @pulumi/command accepts any host key and a man in the middle receives root's commands and secrets.",
  ),
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Set connection.hostKey to the host's public key in authorized_keys format: bootstrap.hostKey for the bootstrap steps, the public half of hostKeys.ed25519 for the admin steps.",
  validateResource: (args, reportViolation) => {
    const connections = readConnections(args);
    if (!connections) return args.notApplicable("The resource opens no SSH connection.");
    for (const { label, connection } of connections) {
      const hostKey = connection.hostKey;
      if (typeof hostKey !== "string" || hostKey.trim() === "") {
        reportViolation(`${label} must pin hostKey; it has none, so any host key would be accepted.`);
      } else if (!AUTHORIZED_KEY.test(hostKey.trim())) {
        reportViolation(`${label} must set hostKey to one public key in authorized_keys format; found \`${hostKey.slice(0, 40)}\`.`);
      }
    }
  },
};
