/**
 * Checks `sshd.extraSettings` for settings that would cut the admin off (a lockout) or bypass what
 * the program manages. Each problem is one sentence naming the directive and the offending value.
 */
export interface LockoutContext {
  adminUser: string;
  sudoGroup: string;
}

/** Directives extraSettings may not set, and where the setting lives instead. */
const MANAGED_ELSEWHERE: Record<string, string> = {
  port: "set sshPort instead, so the connection follows the port",
  hostkey: "host keys come from hostKeys, so the pinned host key stays right",
  match: "a Match block would capture every line after it in the drop-in",
  include: "an Include would pull unmanaged files into the hardened config",
  allowtcpforwarding: "set sshd.allowTcpForwarding instead",
  forcecommand: "it would replace every command Pulumi runs as the admin",
};

/** sshd's glob: `*` any run, `?` one character. */
function globMatches(pattern: string, value: string): boolean {
  const re = new RegExp("^" + pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$");
  return re.test(value);
}

/** The user part of an AllowUsers/DenyUsers pattern (`user@host` limits the host too). */
function userPart(pattern: string): string {
  const at = pattern.indexOf("@");
  return at < 0 ? pattern : pattern.slice(0, at);
}

export function sshdLockoutProblems(extra: Readonly<Record<string, string>>, ctx: LockoutContext): { directive: string; message: string }[] {
  const problems: { directive: string; message: string }[] = [];
  const say = (directive: string, message: string): void => {
    problems.push({ directive, message });
  };
  const admin = ctx.adminUser;
  const adminGroups = [admin, ctx.sudoGroup];
  for (const [directive, value] of Object.entries(extra)) {
    const lower = directive.toLowerCase();
    const words = value.trim().split(/\s+/).filter((w) => w !== "");
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(directive)) {
      say(directive, `must be an sshd directive name (letters and digits), not ${JSON.stringify(directive)}`);
      continue;
    }
    if (/[\x00-\x1f\x7f]/.test(value) || value.trim() === "") {
      say(directive, "must be a non-empty single-line value without control characters");
      continue;
    }
    if (lower in MANAGED_ELSEWHERE) {
      say(directive, `must not be set in extraSettings: ${MANAGED_ELSEWHERE[lower]}`);
      continue;
    }
    switch (lower) {
      case "allowusers":
        if (!words.some((p) => globMatches(userPart(p), admin))) {
          say(directive, `must include the admin user ${admin}, or the admin is locked out; the value was ${JSON.stringify(value)}`);
        }
        break;
      case "denyusers":
        if (words.some((p) => globMatches(userPart(p), admin))) {
          say(directive, `must not match the admin user ${admin}, or the admin is locked out; the value was ${JSON.stringify(value)}`);
        }
        break;
      case "allowgroups":
        if (!words.some((p) => adminGroups.some((g) => globMatches(p, g)))) {
          say(directive, `must include the admin's group ${admin} or ${ctx.sudoGroup}, or the admin is locked out; the value was ${JSON.stringify(value)}`);
        }
        break;
      case "denygroups":
        if (words.some((p) => adminGroups.some((g) => globMatches(p, g)))) {
          say(directive, `must not match the admin's groups ${adminGroups.join(", ")}, or the admin is locked out; the value was ${JSON.stringify(value)}`);
        }
        break;
      case "pubkeyauthentication":
        if (value.trim().toLowerCase() !== "yes") say(directive, `must stay yes, because keys are the admin's only way in, not ${JSON.stringify(value)}`);
        break;
      case "authenticationmethods":
        if (!words.some((list) => list === "publickey" || list === "any")) {
          say(directive, `must allow publickey on its own, because the admin has no password, not ${JSON.stringify(value)}`);
        }
        break;
      case "authorizedkeysfile":
        if (!words.some((f) => f === ".ssh/authorized_keys" || f === "%h/.ssh/authorized_keys")) {
          say(directive, `must keep .ssh/authorized_keys, where the admin's keys are written, not ${JSON.stringify(value)}`);
        }
        break;
    }
  }
  return problems;
}
