import { CapturedResource } from "../../preview/capturedResource";
import { StoredResource } from "./applyState";
import { canonicalJson, containsUnknown, SecretVault, unwrapSecrets } from "./wireValue";

/** The resource types the lab replays, as @pulumi/command 1.2.1 implements them. */
export const REPLAYED_TYPES = ["command:remote:Command", "command:remote:CopyToRemote"] as const;

/** An input whose change forces a replacement (provider tag `replaceOnChanges` on both types in 1.2.1). */
export const PROVIDER_REPLACE_KEYS = ["triggers"];

export interface Goal {
  res: CapturedResource;
  /** What the state file will hold after the step. */
  stored: Record<string, unknown>;
  /** What the command runs with (in memory only). */
  plain: Record<string, unknown>;
}

export type PlannedStep =
  | { op: "create"; goal: Goal }
  | { op: "update"; goal: Goal; old: StoredResource; changed: string[] }
  | { op: "replace"; goal: Goal; old: StoredResource; changed: string[]; deleteBeforeReplace: boolean }
  | { op: "same"; goal: Goal; old: StoredResource }
  | { op: "delete"; old: StoredResource; reason: "removed" | "replaced" };

export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanError";
  }
}

/** Pulumi property paths as ignoreChanges takes them: `a`, `a.b`, `a[0]`, `a["b.c"]`. */
export function parsePropertyPath(p: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["([^"]+)"\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(p)) !== null) out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]));
  return out;
}

function getPath(obj: unknown, path: (string | number)[]): { found: boolean; value?: unknown } {
  let cur: any = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== "object" || !(k in cur)) return { found: false };
    cur = cur[k];
  }
  return { found: true, value: cur };
}

function setPath(obj: any, path: (string | number)[], value: unknown): void {
  let cur = obj;
  for (const k of path.slice(0, -1)) {
    if (cur[k] === null || typeof cur[k] !== "object") cur[k] = typeof k === "number" ? [] : {};
    cur = cur[k];
  }
  cur[path[path.length - 1]] = value;
}

function deletePath(obj: any, path: (string | number)[]): void {
  const parent = getPath(obj, path.slice(0, -1));
  if (parent.found && parent.value !== null && typeof parent.value === "object") delete (parent.value as any)[path[path.length - 1]];
}

/**
 * The engine's ignoreChanges (pulumi#2657): for an existing resource each ignored path takes its OLD input
 * value (or is removed when the old inputs lack it), before the diff and for the step that follows, replacements too.
 */
export function applyIgnoreChanges(goal: Goal, old: StoredResource, vault: SecretVault): void {
  for (const p of goal.res.ignoreChanges) {
    const path = parsePropertyPath(p);
    if (path.length === 0) continue;
    const prev = getPath(old.inputs, path);
    if (prev.found) {
      setPath(goal.stored, path, prev.value);
      setPath(goal.plain, path, vault.resolve(prev.value, `${goal.res.name}.${p}`));
    } else {
      deletePath(goal.stored, path);
      deletePath(goal.plain, path);
    }
  }
}

function isNullish(v: unknown): boolean {
  return v === undefined || v === null;
}

/** Top-level input keys whose values differ (null and absent are the same, as in the engine's ObjectValue.Diff). */
export function changedKeys(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys]
    .filter((k) => !k.startsWith("__"))
    .filter((k) => {
      if (isNullish(olds[k]) && isNullish(news[k])) return false;
      return canonicalJson(olds[k]) !== canonicalJson(news[k]);
    })
    .sort();
}

function forcesReplace(changed: string[], res: CapturedResource): boolean {
  return changed.some(
    (k) => PROVIDER_REPLACE_KEYS.includes(k) || res.replaceOnChanges.some((r) => r === "*" || parsePropertyPath(r)[0] === k),
  );
}

/**
 * Registration order, then dependencies first (Kahn's algorithm, ties broken by registration order).
 * A dependency on a component means its custom descendants; a parent comes before its children.
 */
export function dependencyOrder(resources: CapturedResource[]): CapturedResource[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const index = new Map(resources.map((r, i) => [r.urn, i]));
  const children = new Map<string, string[]>();
  for (const r of resources) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);
  const descendants = (urn: string, seen = new Set<string>()): string[] => {
    for (const c of children.get(urn) ?? []) if (!seen.has(c)) { seen.add(c); descendants(c, seen); }
    return [...seen];
  };
  const deps = new Map<string, Set<string>>();
  for (const r of resources) {
    const d = new Set<string>();
    const direct = [...r.dependencies, ...Object.values(r.propertyDependencies).flat(), ...(r.parent ? [r.parent] : [])];
    for (const u of direct) {
      if (!byUrn.has(u) || u === r.urn) continue;
      d.add(u);
      if (u !== r.parent && !byUrn.get(u)!.custom) for (const x of descendants(u)) if (x !== r.urn && !descendants(r.urn).includes(x)) d.add(x);
    }
    deps.set(r.urn, d);
  }
  const done = new Set<string>();
  const out: CapturedResource[] = [];
  while (out.length < resources.length) {
    const ready = resources.filter((r) => !done.has(r.urn) && [...deps.get(r.urn)!].every((u) => done.has(u)));
    if (ready.length === 0) {
      const stuck = resources.filter((r) => !done.has(r.urn)).map((r) => r.name);
      throw new PlanError(`the resources ${stuck.join(", ")} depend on each other in a cycle`);
    }
    ready.sort((a, b) => index.get(a.urn)! - index.get(b.urn)!);
    done.add(ready[0].urn);
    out.push(ready[0]);
  }
  return out;
}

/** Every custom resource's direct dependencies, components expanded to their custom descendants. */
export function customDependencies(res: CapturedResource, all: CapturedResource[]): string[] {
  const byUrn = new Map(all.map((r) => [r.urn, r]));
  const out = new Set<string>();
  const visit = (u: string, seen: Set<string>): void => {
    if (seen.has(u)) return;
    seen.add(u);
    const r = byUrn.get(u);
    if (!r) return;
    if (r.custom) { out.add(u); return; }
    for (const c of all.filter((x) => x.parent === u)) visit(c.urn, seen);
  };
  for (const u of [...res.dependencies, ...Object.values(res.propertyDependencies).flat()]) if (u !== res.urn) visit(u, new Set());
  return [...out];
}

/**
 * What `pulumi up` would do, step by step, for the captured program against the stored state
 * (@pulumi/command 1.2.1: any input change updates, a `triggers` change replaces; resources gone from the
 * program are deleted after everything else, in reverse order of creation).
 */
export function planApply(captured: CapturedResource[], state: { resources: StoredResource[]; pendingDeletes: StoredResource[] }, vault: SecretVault): PlannedStep[] {
  const seen = new Set<string>();
  for (const r of captured) {
    if (seen.has(r.urn)) throw new PlanError(`two resources have the URN ${r.urn}: resource names must be unique`);
    seen.add(r.urn);
  }
  const olds = new Map(state.resources.map((r) => [r.urn, r]));
  const steps: PlannedStep[] = [];
  const replacedOriginals: StoredResource[] = [];
  for (const res of dependencyOrder(captured)) {
    if (!res.custom || res.type.startsWith("pulumi:providers:")) continue;
    if (!(REPLAYED_TYPES as readonly string[]).includes(res.type)) {
      throw new PlanError(`resource ${res.name} has type ${res.type}, which the lab apply cannot replay (only ${REPLAYED_TYPES.join(", ")})`);
    }
    if (containsUnknown(res.inputs)) {
      throw new PlanError(`resource ${res.name} has an unknown input value: the lab apply runs the program with outputs known`);
    }
    const goal: Goal = {
      res,
      stored: vault.store(res.inputs) as Record<string, unknown>,
      plain: unwrapSecrets(res.inputs) as Record<string, unknown>,
    };
    const old = olds.get(res.urn);
    if (!old || old.type !== res.type) {
      if (old) replacedOriginals.push(old);
      steps.push({ op: "create", goal });
      continue;
    }
    applyIgnoreChanges(goal, old, vault);
    const changed = changedKeys(old.inputs, goal.stored);
    if (changed.length === 0) steps.push({ op: "same", goal, old });
    else if (forcesReplace(changed, res)) {
      steps.push({ op: "replace", goal, old, changed, deleteBeforeReplace: res.deleteBeforeReplace });
      if (!res.deleteBeforeReplace) replacedOriginals.push(old);
    } else steps.push({ op: "update", goal, old, changed });
  }
  const wanted = new Set(captured.map((r) => r.urn));
  const deletes: PlannedStep[] = [];
  // Reverse creation order is a reverse dependency order: a resource is created after what it depends on.
  for (const old of [...state.resources].reverse()) {
    if (!wanted.has(old.urn)) deletes.push({ op: "delete", old, reason: "removed" });
  }
  for (const old of [...state.pendingDeletes, ...replacedOriginals].reverse()) deletes.push({ op: "delete", old, reason: "replaced" });
  return [...steps, ...deletes];
}
