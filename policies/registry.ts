import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { POLICY_NAMES, type PolicyName } from "../src/core/checklist/items";
import { concernParts } from "../src/concerns/registry";

type Policy = ResourceValidationPolicy | StackValidationPolicy;

/**
 * Every policy by its catalog name, gathered from the concerns (src/concerns/<concern>/policies). A catalog
 * name without a policy, a policy outside the catalog, or a name served twice stops the pack from loading.
 */
export const POLICIES: Record<PolicyName, Policy> = (() => {
  const found = new Map<string, Policy>();
  for (const { concern, value } of concernParts<Policy[]>("policies/concernPolicies", "concernPolicies")) {
    for (const p of value) {
      if (found.has(p.name)) throw new Error(`policy ${p.name} is served twice (again by the ${concern} concern)`);
      found.set(p.name, p);
    }
  }
  const unknown = [...found.keys()].filter((n) => !(POLICY_NAMES as readonly string[]).includes(n));
  const missing = POLICY_NAMES.filter((n) => !found.has(n));
  if (unknown.length || missing.length) {
    throw new Error(`the pack and src/core/checklist/items.ts disagree: ${[...unknown.map((n) => `${n} is in no checklist item`), ...missing.map((n) => `${n} has no policy`)].join("; ")}`);
  }
  return Object.fromEntries(POLICY_NAMES.map((n) => [n, found.get(n)!])) as Record<PolicyName, Policy>;
})();
