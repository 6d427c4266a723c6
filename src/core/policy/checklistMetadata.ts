import type { PolicyComplianceFramework } from "@pulumi/policy";
import { CHECKLIST_FRAMEWORK, itemOfPolicy, type PolicyName } from "../checklist/items";

/**
 * The metadata a policy takes from the checklist catalog, so no item title or framework field is
 * written twice: `description` is the policy's own sentence plus the item it enforces.
 */
export function checklistMetadata(name: PolicyName, sentence: string): { name: PolicyName; description: string; framework: PolicyComplianceFramework } {
  const item = itemOfPolicy(name);
  return {
    name,
    description: `${sentence} It enforces the Home Assistant Securing checklist item "${item.title}".`,
    framework: { ...CHECKLIST_FRAMEWORK, specification: `${item.id}: ${item.title}` },
  };
}
