import { blocksDeployment, PolicyDiagnostic } from "../analyzer/policyDiagnostic";
import { CHECKLIST_ITEMS } from "../checklist/items";

export type ItemStatus = "pass" | "fail" | "warn" | "not-applicable" | "not-enforced";

export interface ChecklistEntry {
  /** The host the item was judged for; "(stack)" for stack-wide findings with no host. */
  host: string;
  item: string;
  title: string;
  status: ItemStatus;
  policies: string[];
  messages: string[];
}

/** A policy judged something: where (URN) and whether it found it not applicable. */
export interface PolicyRun {
  urn: string;
  policyName: string;
  notApplicable: boolean;
}

/**
 * Turns the pack's findings into the checklist report: for every host, every checklist item is
 * pass, fail (a mandatory violation), warn (only advisory findings, e.g. a value unknown during preview),
 * not applicable (every policy of the item declared itself so on every resource of the host),
 * or not enforced (no policy covers the item yet — said plainly, never counted as a pass).
 */
export function checklistReport(
  hosts: string[],
  hostOf: Map<string, string>,
  diagnostics: PolicyDiagnostic[],
  runs: PolicyRun[],
): ChecklistEntry[] {
  const entries: ChecklistEntry[] = [];
  for (const host of hosts) {
    for (const item of CHECKLIST_ITEMS) {
      const policies = [...item.policies] as string[];
      const findings = diagnostics.filter(
        (d) => policies.includes(d.policyName) && (d.urn === "" || hostOf.get(d.urn) === host),
      );
      let status: ItemStatus;
      if (policies.length === 0) {
        status = "not-enforced";
      } else if (findings.some((d) => blocksDeployment(d.enforcementLevel))) {
        status = "fail";
      } else if (findings.length > 0) {
        status = "warn";
      } else {
        const hostRuns = runs.filter((r) => policies.includes(r.policyName) && hostOf.get(r.urn) === host);
        status = hostRuns.length > 0 && hostRuns.every((r) => r.notApplicable) ? "not-applicable" : "pass";
      }
      entries.push({ host, item: item.id, title: item.title, status, policies, messages: findings.map((d) => d.message) });
    }
  }
  return entries;
}

const MARK: Record<ItemStatus, string> = {
  pass: "PASS",
  fail: "FAIL",
  warn: "WARN",
  "not-applicable": "N/A ",
  "not-enforced": "TODO",
};

/** The human report: one block per host, one line per item, the messages indented under it. */
export function formatChecklist(entries: ChecklistEntry[]): string {
  const lines: string[] = [];
  for (const host of [...new Set(entries.map((e) => e.host))]) {
    lines.push(`Host ${host} — Home Assistant Securing checklist`);
    for (const e of entries.filter((x) => x.host === host)) {
      const by = e.policies.length ? ` (${e.policies.join(", ")})` : " (no policy enforces this yet)";
      lines.push(`  ${MARK[e.status]}  ${e.title}${by}`);
      for (const m of e.messages) lines.push(`        - ${m}`);
    }
  }
  return lines.join("\n");
}
