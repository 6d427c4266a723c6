import type { ParsedSshdConfig } from "./parseSshdConfig";
import { OPENSSH_DEFAULT_VALUES } from "./opensshDefaults";
import { asParsed, foundAt, valueOf, type SshdEvaluationOptions, type SshdFinding } from "./sshdFinding";

/**
 * Checklist: "set `PermitRootLogin no`". Every PermitRootLogin line, global or inside a Match block,
 * must say `no`: prohibit-password, without-password and forced-commands-only still let root in.
 */
export function evaluateRootLogin(config: string | ParsedSshdConfig, options: SshdEvaluationOptions = {}): SshdFinding[] {
  const parsed = asParsed(config);
  const subject = options.subject ?? "sshd_config";
  const findings: SshdFinding[] = [];
  for (const d of parsed.directives) {
    if (d.keyword !== "permitrootlogin" || valueOf(d) === "no") continue;
    const value = d.args.join(" ") || "an empty value";
    findings.push({
      rule: "root-login",
      keyword: d.keyword,
      line: d.line,
      message: `${subject} must not set PermitRootLogin to ${value}; ${foundAt(d)}.`,
    });
  }
  if (options.complete && !parsed.global.has("permitrootlogin")) {
    findings.push({
      rule: "root-login",
      keyword: "permitrootlogin",
      message: `${subject} must set PermitRootLogin no; it is not set, so OpenSSH's default ${OPENSSH_DEFAULT_VALUES.permitrootlogin} applies.`,
    });
  }
  return findings;
}
