import { hostComponentUrn, type ParentedResource } from "./hostComponentUrn";
import { readStep, type Step } from "./readStep";

/** A resource as a stack policy sees it. */
export interface StackResource extends ParentedResource {
  type: string;
  props: Record<string, unknown>;
}

/** One host's steps in a stack, and the URN of its HardenedHost component (where a finding about the host lands). */
export interface HostStepGroup {
  urn?: string;
  steps: Step[];
}

/** The stack's provisioning steps grouped by the host their manifest names, in the order the hosts first appear. */
export function stepsByHost(resources: readonly StackResource[]): Map<string, HostStepGroup> {
  const out = new Map<string, HostStepGroup>();
  for (const r of resources) {
    const step = readStep(r.type, r.props);
    if (!step) continue;
    const group = out.get(step.manifest.host) ?? { steps: [] };
    group.urn ??= hostComponentUrn(r);
    group.steps.push(step);
    out.set(step.manifest.host, group);
  }
  return out;
}
