import { evaluatePasswordAuth } from "./evaluatePasswordAuth";
import { evaluateRootLogin } from "./evaluateRootLogin";
import { evaluateWeakAlgorithms } from "./evaluateWeakAlgorithms";
import type { ParsedSshdConfig } from "./parseSshdConfig";
import { asParsed, type SshdEvaluationOptions, type SshdFinding, type SshdRule } from "./sshdFinding";

/** Each enforced sshd rule and the function that judges it. */
export const SSHD_RULES: Record<SshdRule, (config: string | ParsedSshdConfig, options?: SshdEvaluationOptions) => SshdFinding[]> = {
  "root-login": evaluateRootLogin,
  "password-auth": evaluatePasswordAuth,
  "weak-algorithms": evaluateWeakAlgorithms,
};

/** All enforced sshd rules over one config text (sshd_config, a drop-in, or `sshd -T` output), parsed once. */
export function evaluateSshdConfig(config: string | ParsedSshdConfig, options: SshdEvaluationOptions = {}): SshdFinding[] {
  const parsed = asParsed(config);
  return Object.values(SSHD_RULES).flatMap((rule) => rule(parsed, options));
}
