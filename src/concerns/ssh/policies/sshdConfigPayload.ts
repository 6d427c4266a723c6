import type { SshdEvaluationOptions } from "../sshdFinding";
import type { Step } from "../../../core/policy/readStep";

/** Paths whose content sshd reads: the main config and its drop-in directory. */
export function isSshdConfigPath(path: string): boolean {
  return path === "/etc/ssh/sshd_config" || path.startsWith("/etc/ssh/sshd_config.d/");
}

/**
 * The sshd config text a step will put on the host, with how to judge it: the `sshd-config` step's
 * drop-in is complete (it comes first, so its values win); any other file under /etc/ssh/sshd_config*
 * is an override, judged on what it sets. Undefined when the step writes no sshd config.
 */
export function sshdConfigPayload(step: Step): { text: string; options: SshdEvaluationOptions } | undefined {
  const m = step.manifest;
  if (m.kind === "sshd-config") return { text: step.readStdin(), options: { subject: `${m.host}:${m.path}`, complete: true } };
  if (m.kind === "file" && isSshdConfigPath(m.path)) return { text: step.readStdin(), options: { subject: `${m.host}:${m.path}`, complete: false } };
  return undefined;
}
