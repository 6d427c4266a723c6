import * as path from "path";

/** A source tree as the wall checks see it: project-relative path -> file text. */
export type SourceTree = ReadonlyMap<string, string>;

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)/g;

/** The module specifiers a file imports (static, type-only and require alike). */
export function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

/** A relative specifier resolved to a tree path (`.ts`, or `/index.ts`), undefined when it is not in the tree. */
function resolve(tree: SourceTree, from: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return [`${base}.ts`, base, `${base}/index.ts`].find((p) => tree.has(p));
}

/** Every tree file `entries` load, themselves included, following relative imports. */
export function closure(tree: SourceTree, entries: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f) || !tree.has(f)) continue;
    seen.add(f);
    for (const spec of importsOf(tree.get(f)!)) {
      const r = resolve(tree, f, spec);
      if (r) stack.push(r);
    }
  }
  return seen;
}

/** The core (src/core) imports nothing from the project outside itself. */
export function coreWallProblems(tree: SourceTree): string[] {
  const problems: string[] = [];
  for (const [f, text] of tree) {
    if (!f.startsWith("src/core/")) continue;
    for (const spec of importsOf(text)) {
      const r = resolve(tree, f, spec);
      if (spec.startsWith(".") && (!r || !r.startsWith("src/core/"))) problems.push(`${f} imports ${spec}: the core must not import anything above it`);
    }
  }
  return problems;
}

const VALUE_IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)/g;

/**
 * A concern takes only types from src/config: the schema there loads every concern's config.ts, so a value
 * import would be a cycle and would pull the whole schema into whatever loads the concern.
 */
export function concernConfigImportProblems(tree: SourceTree): string[] {
  const problems: string[] = [];
  for (const [f, text] of tree) {
    if (!f.startsWith("src/concerns/")) continue;
    for (const m of text.matchAll(VALUE_IMPORT)) {
      const spec = m[1] ?? m[2];
      const r = resolve(tree, f, spec);
      if (r?.startsWith("src/config/")) problems.push(`${f} imports a value from ${spec}: a concern may take only types from src/config`);
    }
  }
  return problems;
}

/** What the pack loads (its entry and every concern's policies) never loads @pulumi/command, a step or the program. */
export function packWallProblems(tree: SourceTree): string[] {
  const entries = [...tree.keys()].filter((f) => f === "policies/index.ts" || /^src\/concerns\/[^/]+\/policies\//.test(f));
  const problems: string[] = [];
  for (const f of closure(tree, entries)) {
    if (importsOf(tree.get(f)!).some((s) => s === "@pulumi/command" || s.startsWith("@pulumi/command/"))) problems.push(`${f} is loaded by the pack and imports @pulumi/command`);
    if (/^src\/(host|cli|lab|preview|check)\//.test(f) || f === "src/program.ts" || /^src\/concerns\/[^/]+\/steps\//.test(f)) {
      problems.push(`${f} is loaded by the pack, but it belongs to the program`);
    }
  }
  return problems;
}

/** The parts a concern folder holds; a folder missing one must be on the exemption list with its reason. */
export const CONCERN_PARTS = ["config.ts", "policies/concernPolicies.ts", "steps/hostSteps.ts", "rules", "tests"] as const;
export type ConcernPart = (typeof CONCERN_PARTS)[number];

export function concernProblems(tree: SourceTree, concerns: readonly string[], exemptions: Readonly<Record<string, Partial<Record<ConcernPart, string>>>>): string[] {
  const problems: string[] = [];
  const folders = new Set([...tree.keys()].map((f) => /^src\/concerns\/([^/]+)\//.exec(f)?.[1]).filter((c): c is string => c !== undefined));
  for (const c of folders) if (!concerns.includes(c)) problems.push(`src/concerns/${c} is not in src/concerns/registry.ts`);
  for (const c of concerns) {
    const has: Record<ConcernPart, boolean> = {
      "config.ts": tree.has(`src/concerns/${c}/config.ts`),
      "policies/concernPolicies.ts": tree.has(`src/concerns/${c}/policies/concernPolicies.ts`),
      "steps/hostSteps.ts": tree.has(`src/concerns/${c}/steps/hostSteps.ts`),
      rules: [...tree.keys()].some((f) => new RegExp(`^src/concerns/${c}/[^/]+\\.ts$`).test(f) && f !== `src/concerns/${c}/config.ts`),
      tests: [...tree.keys()].some((f) => f.startsWith(`test/concerns/${c}/`) && f.endsWith(".test.ts")),
    };
    for (const part of CONCERN_PARTS) {
      const reason = exemptions[c]?.[part];
      if (!has[part] && !reason) problems.push(`src/concerns/${c} has no ${part}, and no exemption says why`);
      if (has[part] && reason) problems.push(`src/concerns/${c} has ${part}: drop its exemption`);
    }
  }
  return problems;
}

/** A concern whose config.ts the registry does not load (or loads without one): its fields would be missing from the schema. */
export function registryConfigProblems(tree: SourceTree, configs: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(configs).flatMap(([c, load]) => {
    const has = tree.has(`src/concerns/${c}/config.ts`);
    if (has && load === null) return [`src/concerns/${c}/config.ts is not loaded by src/concerns/registry.ts, so the schema lacks its fields`];
    if (!has && load !== null) return [`src/concerns/registry.ts loads src/concerns/${c}/config.ts, which does not exist`];
    return [];
  });
}
