import type { ResourceValidationPolicy } from "@pulumi/policy";
import { sshPasswordAuthDisabled } from "./ssh-password-auth-disabled";
import { sshRootLoginDisabled } from "./ssh-root-login-disabled";
import { sshWeakAlgorithmsAbsent } from "./ssh-weak-algorithms-absent";

/** The ssh concern's policies: they judge the sshd drop-in a step puts on the host. */
export const concernPolicies: ResourceValidationPolicy[] = [sshRootLoginDisabled, sshPasswordAuthDisabled, sshWeakAlgorithmsAbsent];
