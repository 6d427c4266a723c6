import { blocksDeployment, EnforcementLevel, PolicyDiagnostic, Severity } from "../analyzer/policyDiagnostic";
import { CHECKLIST_ITEMS } from "../core/checklist/items";
import { HostIndex, hostsOfFinding } from "./hostOfResource";

export type ItemStatus = "pass" | "fail" | "warn" | "not-applicable" | "not-enforced";

/** The row of findings about no host (a stack-wide finding naming none, or a resource outside every host). */
export const STACK_ROW = "(stack)";

/**
 * One thing wrong, said once: the pack's findings with the same policy, level and sentence on the same host
 * collapse into one, naming every resource it lands on (the bootstrap and the admin copy of the sshd drop-in
 * carry the same text, so one bad setting is reported by the pack on both).
 */
export interface ChecklistFinding {
  policyName: string;
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
  message: string;
  /**
   * URNs it lands on, in the order the pack reported them. A stack-wide finding about a host lands on the
   * host's HardenedHost component; one about no host and no resource lands on none (empty).
   */
  resources: string[];
}

export interface ChecklistEntry {
  /** The host the item was judged for; STACK_ROW for findings about no host. */
  host: string;
  item: string;
  title: string;
  status: ItemStatus;
  policies: string[];
  findings: ChecklistFinding[];
  /** The findings' sentences, one per finding. */
  messages: string[];
}

/** A policy judged something: where (URN) and whether it found it not applicable. */
export interface PolicyRun {
  urn: string;
  policyName: string;
  notApplicable: boolean;
}

/** Where each diagnostic lands: per row (a host or STACK_ROW), its findings with copies merged. */
function attribute(index: HostIndex, diagnostics: PolicyDiagnostic[]): Map<string, ChecklistFinding[]> {
  const rows = new Map<string, ChecklistFinding[]>();
  const byKey = new Map<string, ChecklistFinding>();
  const land = (row: string, d: PolicyDiagnostic, resource: string | undefined) => {
    const key = JSON.stringify([row, d.policyName, d.enforcementLevel, d.message]);
    let finding = byKey.get(key);
    if (!finding) {
      finding = { policyName: d.policyName, enforcementLevel: d.enforcementLevel, severity: d.severity, message: d.message, resources: [] };
      byKey.set(key, finding);
      rows.set(row, [...(rows.get(row) ?? []), finding]);
    }
    if (resource && !finding.resources.includes(resource)) finding.resources.push(resource);
  };
  for (const d of diagnostics) {
    const hosts = hostsOfFinding(index, d);
    if (hosts.length === 0) land(STACK_ROW, d, d.urn || undefined);
    for (const host of hosts) land(host, d, d.urn && index.hostOf.get(d.urn) === host ? d.urn : index.componentUrn.get(host));
  }
  return rows;
}

function statusOf(policies: string[], findings: ChecklistFinding[], runs: PolicyRun[]): ItemStatus {
  if (policies.length === 0) return "not-enforced";
  if (findings.some((f) => blocksDeployment(f.enforcementLevel))) return "fail";
  if (findings.length > 0) return "warn";
  return runs.length > 0 && runs.every((r) => r.notApplicable) ? "not-applicable" : "pass";
}

/**
 * Turns the pack's findings into the checklist report: for every host, every checklist item is
 * pass, fail (a mandatory violation), warn (only advisory findings, e.g. a value unknown during preview),
 * not applicable (every policy of the item declared itself so on every resource of the host),
 * or not enforced (no policy covers the item yet — said plainly, never counted as a pass).
 * A finding counts only on the host it is about (see hostsOfFinding); findings about no host make a
 * STACK_ROW row, after the hosts, holding just the items they break.
 */
export function checklistReport(index: HostIndex, diagnostics: PolicyDiagnostic[], runs: PolicyRun[]): ChecklistEntry[] {
  const rows = attribute(index, diagnostics);
  const entries: ChecklistEntry[] = [];
  for (const host of index.hosts) {
    for (const item of CHECKLIST_ITEMS) {
      const policies = [...item.policies] as string[];
      const findings = (rows.get(host) ?? []).filter((f) => policies.includes(f.policyName));
      const hostRuns = runs.filter((r) => policies.includes(r.policyName) && index.hostOf.get(r.urn) === host);
      entries.push({ host, item: item.id, title: item.title, status: statusOf(policies, findings, hostRuns), policies, findings, messages: findings.map((f) => f.message) });
    }
  }
  const stackWide = rows.get(STACK_ROW) ?? [];
  for (const item of CHECKLIST_ITEMS) {
    const policies = [...item.policies] as string[];
    const findings = stackWide.filter((f) => policies.includes(f.policyName));
    if (findings.length === 0) continue;
    entries.push({ host: STACK_ROW, item: item.id, title: item.title, status: statusOf(policies, findings, []), policies, findings, messages: findings.map((f) => f.message) });
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

/** A URN's type and name (`urn:pulumi:STACK::PROJECT::[parent$]TYPE::NAME`). */
export function urnParts(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  if (parts.length < 4) return { type: "", name: urn };
  return { type: parts[2].split("$").pop() as string, name: parts.slice(3).join("::") };
}

/** `  (command:remote:Command: a, b)` as the CLI's preview names a violation's resource; names grouped by type. */
function resourceClause(urns: string[]): string {
  if (urns.length === 0) return "";
  const byType = new Map<string, string[]>();
  for (const urn of urns) {
    const { type, name } = urnParts(urn);
    byType.set(type, [...(byType.get(type) ?? []), name]);
  }
  return `  (${[...byType].map(([type, names]) => `${type}: ${names.join(", ")}`).join("; ")})`;
}

/** A finding's heading as `pulumi preview` prints a policy violation: `[mandatory] [severity: high]  policy  (type: name)`. */
export function findingHeading(f: ChecklistFinding): string {
  const severity = f.severity ? ` [severity: ${f.severity}]` : "";
  return `[${f.enforcementLevel}]${severity}  ${f.policyName}${resourceClause(f.resources)}`;
}

/** The human report: one block per host (then the stack-wide row), one line per item, its findings under it. */
export function formatChecklist(entries: ChecklistEntry[]): string {
  const lines: string[] = [];
  for (const host of [...new Set(entries.map((e) => e.host))]) {
    lines.push(host === STACK_ROW ? `${STACK_ROW} — findings about no single host` : `Host ${host} — Home Assistant Securing checklist`);
    for (const e of entries.filter((x) => x.host === host)) {
      const by = e.policies.length ? ` (${e.policies.join(", ")})` : " (no policy enforces this yet)";
      lines.push(`  ${MARK[e.status]}  ${e.title}${by}`);
      for (const f of e.findings) {
        lines.push(`        - ${findingHeading(f)}`);
        for (const l of f.message.split("\n")) lines.push(`          ${l}`);
      }
    }
  }
  return lines.join("\n");
}
