import { ChecklistEntry, ChecklistFinding, findingHeading } from "./checklistReport";

/** Characters XML 1.0 cannot carry at all, even escaped (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/F). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: `&`, `<` and `>` escaped (`>` too, so `]]>` never appears). */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A double-quoted attribute value: also quotes, and tab/newline/CR as character references (a parser would normalise them to spaces). */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a).map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`).join("");
}

/** A finding as the text report prints it: the preview-style heading, then its sentence. */
function findingText(f: ChecklistFinding): string {
  return `${findingHeading(f)}\n${f.message}`;
}

/**
 * The checklist as JUnit XML: one <testsuite> per host (and one for the stack-wide row when it has findings),
 * one <testcase> per checklist item. FAIL: a <failure> carrying the violations; TODO (no policy yet):
 * <skipped message="not enforced yet"/>; N/A: skipped too, said so; WARN: passes, its advisory findings in
 * <system-out>.
 */
export function toJunit(entries: ChecklistEntry[], opts: { name: string }): string {
  const hosts = [...new Set(entries.map((e) => e.host))];
  const count = (es: ChecklistEntry[]) => ({
    tests: es.length,
    failures: es.filter((e) => e.status === "fail").length,
    errors: 0,
    skipped: es.filter((e) => e.status === "not-enforced" || e.status === "not-applicable").length,
  });
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites${attrs({ name: opts.name, ...count(entries) })}>`];
  for (const host of hosts) {
    const es = entries.filter((e) => e.host === host);
    out.push(`  <testsuite${attrs({ name: host, ...count(es) })}>`);
    for (const e of es) {
      const open = `    <testcase${attrs({ classname: host, name: `${e.title} [${e.item}]` })}`;
      if (e.status === "pass") {
        out.push(`${open}/>`);
      } else if (e.status === "not-enforced") {
        out.push(`${open}>`, `      <skipped${attrs({ message: "not enforced yet" })}/>`, `    </testcase>`);
      } else if (e.status === "not-applicable") {
        out.push(`${open}>`, `      <skipped${attrs({ message: `not applicable: ${e.policies.join(", ")} found nothing to judge on ${host}` })}/>`, `    </testcase>`);
      } else if (e.status === "fail") {
        const levels = [...new Set(e.findings.map((f) => f.enforcementLevel))].join(", ");
        out.push(
          `${open}>`,
          `      <failure${attrs({ message: e.messages.join(" | "), type: levels })}>${xmlText(e.findings.map(findingText).join("\n\n"))}</failure>`,
          `    </testcase>`,
        );
      } else {
        out.push(`${open}>`, `      <system-out>${xmlText(e.findings.map(findingText).join("\n\n"))}</system-out>`, `    </testcase>`);
      }
    }
    out.push(`  </testsuite>`);
  }
  out.push(`</testsuites>`);
  return out.join("\n") + "\n";
}
