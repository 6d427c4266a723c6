import { ALGORITHM_DIRECTIVES, OpensshSeries, SERIES_ALGORITHMS } from "./algorithms";
import { sshdBaseline } from "./baseline";
import { OPENSSH_DEFAULT_ALGORITHMS } from "./opensshDefaults";
import type { ParsedSshdConfig, SshdDirective } from "./parseSshdConfig";
import { asParsed, foundAt, type SshdEvaluationOptions, type SshdFinding } from "./sshdFinding";

/** Families no policy config can allow back, each with its reason. */
export const NEVER_ALLOWED_ALGORITHMS: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /sha1/i, reason: "SHA-1 is broken for signatures and deprecated for MACs" },
  { pattern: /^ssh-rsa(-cert-v01@openssh\.com)?$/i, reason: "ssh-rsa signs with SHA-1" },
  { pattern: /md5/i, reason: "MD5 is broken" },
  { pattern: /cbc/i, reason: "CBC modes leak plaintext in SSH (CVE-2008-5161)" },
  { pattern: /arcfour|3des|blowfish|cast128/i, reason: "obsolete ciphers" },
  { pattern: /dss/i, reason: "DSA keys are 1024-bit and removed from OpenSSH" },
  { pattern: /^none$/i, reason: "no encryption or no MAC" },
  { pattern: /group1-|group14-sha1|group-exchange-sha1/i, reason: "small or SHA-1 Diffie-Hellman groups" },
];

/** The algorithm directives a complete config must set, because the baseline enforces them (on any series). */
const REQUIRED_DIRECTIVES = [
  ...new Set(
    (Object.keys(SERIES_ALGORITHMS) as OpensshSeries[]).flatMap((series) =>
      sshdBaseline(series).filter((s) => s.enforced && s.directive.toLowerCase() in ALGORITHM_DIRECTIVES).map((s) => s.directive),
    ),
  ),
];

/** sshd's `-` lists accept `*` and `?` wildcards (match_pattern_list). */
function globMatches(pattern: string, name: string): boolean {
  const re = new RegExp("^" + pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$", "i");
  return re.test(name);
}

/** The list sshd ends up with, and how it came about (for the message). */
export function producedAlgorithms(keyword: string, value: string): { list: string[]; fromDefault: boolean } {
  const defaults = OPENSSH_DEFAULT_ALGORITHMS[keyword] ?? [];
  const op = value[0];
  const names = (op === "+" || op === "-" || op === "^" ? value.slice(1) : value).split(",").filter((n) => n !== "");
  switch (op) {
    case "+": return { list: [...defaults, ...names.filter((n) => !defaults.includes(n))], fromDefault: true };
    case "^": return { list: [...names, ...defaults.filter((n) => !names.includes(n))], fromDefault: true };
    case "-": return { list: defaults.filter((d) => !names.some((p) => globMatches(p, d))), fromDefault: true };
    default: return { list: names, fromDefault: false };
  }
}

function isAllowed(keyword: string, name: string, extra: readonly string[]): boolean {
  const allow = ALGORITHM_DIRECTIVES[keyword];
  if (allow.includes(name)) return true;
  return extra.includes(name) && !NEVER_ALLOWED_ALGORITHMS.some((n) => n.pattern.test(name));
}

function judge(d: SshdDirective, subject: string, extra: readonly string[]): SshdFinding | undefined {
  const { list, fromDefault } = producedAlgorithms(d.keyword, d.args.join(","));
  const weak = list.filter((a) => !isAllowed(d.keyword, a, extra));
  if (weak.length === 0) return undefined;
  const how = fromDefault ? ", which edits OpenSSH's default list" : "";
  return {
    rule: "weak-algorithms",
    keyword: d.keyword,
    line: d.line,
    message: `${subject} must not enable weak ${d.written} ${weak.join(", ")}; ${foundAt(d)}${how}.`,
  };
}

/**
 * Every algorithm list sshd would use must stay inside the allowlists of algorithms.ts (plus any
 * extras a policy config allows). `+x`, `-x` and `^x` are judged by the list they produce from
 * OpenSSH's default. A complete config must set each enforced list: the defaults include NIST curves and SHA-1.
 */
export function evaluateWeakAlgorithms(config: string | ParsedSshdConfig, options: SshdEvaluationOptions = {}): SshdFinding[] {
  const parsed = asParsed(config);
  const subject = options.subject ?? "sshd_config";
  const extra = options.allowedExtraAlgorithms ?? [];
  const findings: SshdFinding[] = [];
  for (const d of parsed.directives) {
    if (!(d.keyword in ALGORITHM_DIRECTIVES)) continue;
    const finding = judge(d, subject, extra);
    if (finding) findings.push(finding);
  }
  if (options.complete) {
    for (const directive of REQUIRED_DIRECTIVES) {
      const keyword = directive.toLowerCase();
      const set = parsed.global.has(keyword) || (keyword === "pubkeyacceptedalgorithms" && parsed.global.has("pubkeyacceptedkeytypes"));
      if (set) continue;
      const weak = (OPENSSH_DEFAULT_ALGORITHMS[keyword] ?? []).filter((a) => !isAllowed(keyword, a, extra));
      if (weak.length === 0) continue;
      findings.push({
        rule: "weak-algorithms",
        keyword,
        message: `${subject} must set ${directive}; it is not set, so OpenSSH's default enables weak ${weak.join(", ")}.`,
      });
    }
  }
  return findings;
}
