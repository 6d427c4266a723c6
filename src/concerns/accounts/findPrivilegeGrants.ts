import { HA_SERVICE_USER, PRIVILEGED_GROUPS } from "./serviceUserRules";

/** What one step will do on the host, as far as privilege grants go. */
export interface StepPayload {
  /** Path the step writes (file steps). */
  path?: string;
  /** Content it writes (its stdin). */
  content?: string;
  /** Its create script. */
  script?: string;
}

/** Files sudo reads its rules from. */
export function isSudoersPath(path: string): boolean {
  return path === "/etc/sudoers" || path.startsWith("/etc/sudoers.d/");
}

/**
 * Ways a step could make `user` an administrator behind the user step's back: a sudoers file naming
 * it, or a script adding it to a privileged group (usermod -G/-aG, gpasswd -a, adduser USER GROUP).
 * Returns one-sentence messages, none when the step grants nothing.
 */
export function findPrivilegeGrants(step: StepPayload, user: string = HA_SERVICE_USER): string[] {
  const problems: string[] = [];
  const word = new RegExp(`(^|[^A-Za-z0-9_.-])${user}($|[^A-Za-z0-9_.-])`);
  if (step.path && isSudoersPath(step.path) && step.content) {
    const line = step.content.split("\n").map((l) => l.trim()).find((l) => !l.startsWith("#") && word.test(l));
    if (line) problems.push(`${step.path} must not grant sudo to ${user}; found \`${line}\`.`);
  }
  if (step.script) {
    const groups = PRIVILEGED_GROUPS.map((g) => g.name).join("|");
    const grants = [
      new RegExp(`usermod\\b[^\\n]*-a?G\\s*'?[\\w,]*\\b(${groups})\\b[\\w,]*'?[^\\n]*\\b${user}\\b`),
      new RegExp(`gpasswd\\s+-a\\s+'?${user}'?\\s+'?(${groups})\\b`),
      new RegExp(`adduser\\s+'?${user}'?\\s+'?(${groups})\\b`),
    ];
    for (const re of grants) {
      const m = re.exec(step.script);
      if (m) problems.push(`A step script must not add ${user} to the group ${m[1]}; found \`${m[0].trim()}\`.`);
    }
  }
  return problems;
}
