/** Test helper: the conventions every policy of the pack must follow, as a checker that lists what is wrong. */
export interface PolicyFacts {
  name: string;
  description?: string;
  severity?: string;
  enforcementLevel?: string;
  remediationSteps?: string;
  framework?: { name?: string; version?: string; reference?: string; specification?: string };
  /** The policy's source file name (without .ts) and what that module exports. */
  file?: { baseName: string; exports: Record<string, unknown> };
}

export interface ConventionContext {
  /** Names the running pack serves (GetAnalyzerInfo), i.e. what index.ts registers. */
  packNames: readonly string[];
  /** Names the checklist catalog (items.ts) lists. */
  catalogNames: readonly string[];
  frameworkName: string;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Full sentences: capitalised, several words, ending in a full stop. */
const SENTENCES = /^[A-Z`][^]*\S\.$/;

export function camelCase(kebab: string): string {
  return kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function checkPolicyConventions(p: PolicyFacts, ctx: ConventionContext): string[] {
  const problems: string[] = [];
  const n = p.name;
  if (!KEBAB.test(n)) problems.push(`${n}: name must be kebab-case`);
  if (!p.description || !SENTENCES.test(p.description) || p.description.split(/\s+/).length < 8) problems.push(`${n}: description must be full sentences`);
  if (!p.description?.includes("Securing checklist item")) problems.push(`${n}: description must name the checklist item it enforces`);
  if (!["low", "medium", "high", "critical"].includes(p.severity ?? "")) problems.push(`${n}: severity must be set`);
  if (!["advisory", "mandatory", "remediate", "disabled"].includes(p.enforcementLevel ?? "")) problems.push(`${n}: enforcementLevel must be set`);
  if (!p.remediationSteps || !SENTENCES.test(p.remediationSteps)) problems.push(`${n}: remediationSteps must be full sentences`);
  const fw = p.framework;
  if (!fw || fw.name !== ctx.frameworkName || !fw.version || !/^https:\/\//.test(fw.reference ?? "") || !fw.specification) {
    problems.push(`${n}: framework must name ${ctx.frameworkName} with version, reference URL and specification`);
  }
  if (!ctx.packNames.includes(n)) problems.push(`${n}: must be registered by its concern (src/concerns/<concern>/policies/index.ts)`);
  if (!ctx.catalogNames.includes(n)) problems.push(`${n}: must be listed in src/core/checklist/items.ts`);
  if (!p.file) problems.push(`${n}: must live in src/concerns/<concern>/policies/${n}.ts`);
  else {
    if (p.file.baseName !== n) problems.push(`${n}: file name ${p.file.baseName}.ts must match the policy name`);
    const exported = p.file.exports[camelCase(p.file.baseName)] as { name?: string } | undefined;
    if (!exported || exported.name !== n) problems.push(`${n}: ${p.file.baseName}.ts must export ${camelCase(p.file.baseName)} with name ${n}`);
  }
  return problems;
}
