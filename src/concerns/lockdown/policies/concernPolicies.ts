import type { ResourceValidationPolicy } from "@pulumi/policy";
import { hostLockdownBaseline } from "./host-lockdown-baseline";

/** The lockdown concern's policies: they judge the lockdown files and edits the steps put on the host. */
export const concernPolicies: ResourceValidationPolicy[] = [hostLockdownBaseline];
