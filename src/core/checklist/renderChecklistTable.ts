import { CHECKLIST_ITEMS } from "./items";

export const CHECKLIST_BEGIN = "<!-- checklist:begin (generated from src/core/checklist/items.ts by `npm run docs`) -->";
export const CHECKLIST_END = "<!-- checklist:end -->";

/** The README's checklist table: each item of Home Assistant's Securing checklist and the policies enforcing it. */
export function renderChecklistTable(): string {
  const rows = CHECKLIST_ITEMS.map((item) => {
    const policies = item.policies.length ? item.policies.map((p) => `\`${p}\``).join(", ") : "not enforced yet";
    return `| ${item.title} | ${policies} |`;
  });
  return [CHECKLIST_BEGIN, "| Checklist item | Policy (`ha-securing-checklist`) |", "| --- | --- |", ...rows, CHECKLIST_END].join("\n");
}

/** Replaces the generated section of a README text; throws when the markers are missing. */
export function replaceChecklistSection(readme: string): string {
  const begin = readme.indexOf(CHECKLIST_BEGIN);
  const end = readme.indexOf(CHECKLIST_END);
  if (begin < 0 || end < begin) throw new Error("README.md has no checklist markers");
  return readme.slice(0, begin) + renderChecklistTable() + readme.slice(end + CHECKLIST_END.length);
}
