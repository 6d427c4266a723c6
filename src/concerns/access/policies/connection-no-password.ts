import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readConnections } from "./readConnections";

/** No configSchema: the checklist asks for keys instead of passwords, with no exception. */
export const connectionNoPassword: ResourceValidationPolicy = {
  ...checklistMetadata(
    "connection-no-password",
    "Every remote command and copy must log in with an SSH key (privateKey or an agent socket), never with connection.password, its bastion included.",
  ),
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Remove connection.password, set connection.privateKey from the secret automation key (or bootstrap.privateKey), and make sure the host's authorized_keys holds its public half.",
  validateResource: (args, reportViolation) => {
    const connections = readConnections(args);
    if (!connections) return args.notApplicable("The resource opens no SSH connection.");
    for (const { label, connection } of connections) {
      const password = connection.password;
      if (password !== undefined && password !== null && password !== "") {
        reportViolation(`${label} must not set password; it logs in with a password.`);
      }
      const privateKey = connection.privateKey;
      const agent = connection.agentSocketPath;
      const hasKey = typeof privateKey === "string" && privateKey.trim() !== "";
      const hasAgent = typeof agent === "string" && agent.trim() !== "";
      if (!hasKey && !hasAgent) {
        reportViolation(`${label} must authenticate with privateKey or agentSocketPath; it sets neither.`);
      }
    }
  },
};
