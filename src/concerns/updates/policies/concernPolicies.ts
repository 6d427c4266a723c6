import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { automaticSecurityUpdatesOn } from "./automatic-security-updates-on";
import { updateOriginsDistributionOnly } from "./update-origins-distribution-only";

/** The updates concern's policies: they judge the apt configuration steps put on the host. */
export const concernPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [automaticSecurityUpdatesOn, updateOriginsDistributionOnly];
