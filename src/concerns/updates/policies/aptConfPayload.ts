import type { Step } from "../../../core/policy/readStep";
import { UPDATES_PATHS } from "../updatesPaths";

/** Paths apt reads configuration from: the main file and its drop-in directory. */
export function isAptConfPath(path: string): boolean {
  return path === "/etc/apt/apt.conf" || path.startsWith(UPDATES_PATHS.aptConfDir);
}

/**
 * The apt configuration text a step puts on the host, with how to judge it: the project's unattended-upgrades
 * file is complete; any other file under /etc/apt/apt.conf* is judged on what it sets. Undefined when the step
 * writes no apt configuration.
 */
export function aptConfPayload(step: Step): { text: string; subject: string; complete: boolean } | undefined {
  const m = step.manifest;
  if (m.kind !== "file" || !isAptConfPath(m.path)) return undefined;
  return { text: step.readStdin(), subject: `${m.host}:${m.path}`, complete: m.path === UPDATES_PATHS.aptConf };
}
