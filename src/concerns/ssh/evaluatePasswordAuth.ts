import type { ParsedSshdConfig } from "./parseSshdConfig";
import { OPENSSH_DEFAULT_VALUES } from "./opensshDefaults";
import { asParsed, foundAt, valueOf, type SshdEvaluationOptions, type SshdFinding } from "./sshdFinding";

/** Directives that must be `no` wherever they appear; the value is the name used in messages. */
const MUST_BE_NO: Record<string, string> = {
  passwordauthentication: "PasswordAuthentication",
  kbdinteractiveauthentication: "KbdInteractiveAuthentication",
  // The pre-8.7 name of KbdInteractiveAuthentication; sshd 9.2 still reads it as the same option.
  challengeresponseauthentication: "ChallengeResponseAuthentication",
  permitemptypasswords: "PermitEmptyPasswords",
};

/** AuthenticationMethods entries that ask for a password (`keyboard-interactive:pam` included). */
const PASSWORD_METHOD = /^(password|keyboard-interactive)(:.*)?$/i;

/**
 * Checklist: "use SSH keys for authentication instead of passwords". Password and keyboard-interactive
 * (its PAM twin) must be off everywhere, Match blocks included, and no AuthenticationMethods list may
 * ask for either. A complete config must switch both off explicitly: OpenSSH's default is yes.
 */
export function evaluatePasswordAuth(config: string | ParsedSshdConfig, options: SshdEvaluationOptions = {}): SshdFinding[] {
  const parsed = asParsed(config);
  const subject = options.subject ?? "sshd_config";
  const findings: SshdFinding[] = [];
  for (const d of parsed.directives) {
    const name = MUST_BE_NO[d.keyword];
    if (name && valueOf(d) !== "no") {
      const value = d.args.join(" ") || "an empty value";
      findings.push({ rule: "password-auth", keyword: d.keyword, line: d.line, message: `${subject} must not set ${name} to ${value}; ${foundAt(d)}.` });
    }
    if (d.keyword === "authenticationmethods") {
      const asked = d.args.flatMap((list) => list.split(",")).filter((m) => PASSWORD_METHOD.test(m));
      if (asked.length > 0) {
        findings.push({
          rule: "password-auth",
          keyword: d.keyword,
          line: d.line,
          message: `${subject} must not list ${[...new Set(asked)].join(", ")} in AuthenticationMethods; ${foundAt(d)}.`,
        });
      }
    }
  }
  if (options.complete) {
    const kbd = parsed.global.get("kbdinteractiveauthentication") ?? parsed.global.get("challengeresponseauthentication");
    const missing = [
      parsed.global.has("passwordauthentication") ? undefined : "passwordauthentication",
      kbd ? undefined : "kbdinteractiveauthentication",
    ].filter((k): k is string => k !== undefined);
    for (const keyword of missing) {
      findings.push({
        rule: "password-auth",
        keyword,
        message: `${subject} must set ${MUST_BE_NO[keyword]} no; it is not set, so OpenSSH's default ${OPENSSH_DEFAULT_VALUES[keyword]} applies.`,
      });
    }
  }
  return findings;
}
