import { parseSshdConfig, type ParsedSshdConfig, type SshdDirective } from "./parseSshdConfig";

/** Which enforced rule a finding breaks (one per sshd policy). */
export type SshdRule = "root-login" | "password-auth" | "weak-algorithms";

/** One way a config text breaks the baseline; `message` is one sentence, ready to show. */
export interface SshdFinding {
  rule: SshdRule;
  /** Lowercased directive the finding is about. */
  keyword: string;
  /** Line of the offending directive; absent when the problem is a directive that is missing. */
  line?: number;
  message: string;
}

export interface SshdEvaluationOptions {
  /** What the text is, for messages: a path, `sshd_config`, or `sshd -T output`. Default `sshd_config`. */
  subject?: string;
  /**
   * true: the text is the whole effective config (our drop-in, or `sshd -T` output), so a missing
   * enforced directive means OpenSSH's unsafe default applies and fails. false: a partial override
   * (another drop-in), judged only on what it sets.
   */
  complete?: boolean;
  /** Extra algorithm names a policy config allows (never the ones NEVER_ALLOWED_ALGORITHMS refuse). */
  allowedExtraAlgorithms?: readonly string[];
}

/** Accepts raw text or an already-parsed config, so one text is parsed once for several rules. */
export function asParsed(config: string | ParsedSshdConfig): ParsedSshdConfig {
  return typeof config === "string" ? parseSshdConfig(config) : config;
}

/** "found `PermitRootLogin yes` on line 3" (+ " inside `Match User bob`"). */
export function foundAt(d: SshdDirective): string {
  const where = d.match ? ` inside \`Match ${d.match.condition}\` (line ${d.match.line})` : "";
  return `found \`${d.text}\` on line ${d.line}${where}`;
}

/** The directive's single value, lowercased (sshd compares yes/no style values case-insensitively). */
export function valueOf(d: SshdDirective): string {
  return d.args.join(" ").toLowerCase();
}
