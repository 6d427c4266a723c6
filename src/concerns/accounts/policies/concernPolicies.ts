import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { homeassistantUserUnprivileged } from "./homeassistant-user-unprivileged";

/** The accounts concern's policies. */
export const concernPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [homeassistantUserUnprivileged];
