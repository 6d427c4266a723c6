import type { ResourceValidationPolicy } from "@pulumi/policy";
import { connectionHostKeyPinned } from "./connection-host-key-pinned";
import { connectionNoPassword } from "./connection-no-password";

/** The access concern's policies: they judge how Pulumi itself connects to the host. */
export const concernPolicies: ResourceValidationPolicy[] = [connectionHostKeyPinned, connectionNoPassword];
