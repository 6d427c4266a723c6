import * as path from "path";

/** Where cached images live: survives labs, keyed by image hash. Override with HH_LAB_CACHE_DIR. */
export const DEFAULT_CACHE_DIR = process.env.HH_LAB_CACHE_DIR || "/var/cache/ha-hardened-host-lab";
/** Where each lab host's state (keys, overlay, pids) lives; removed by `down`. Override with HH_LAB_STATE_DIR. */
export const DEFAULT_STATE_ROOT = process.env.HH_LAB_STATE_DIR || "/var/lib/ha-hardened-host-lab";

/** Lab names end up in interface names (IFNAMSIZ 15 = "hhl-" + 11) and the machine name. */
export const LAB_NAME_PATTERN = /^[a-z][a-z0-9-]{0,10}$/;

export function labStateDir(name: string, stateRoot: string = DEFAULT_STATE_ROOT): string {
  return path.join(stateRoot, name);
}

/** Throws a one-sentence error when the lab name is unusable. */
export function assertLabName(name: string): void {
  if (!LAB_NAME_PATTERN.test(name)) {
    throw new Error(`lab name must match ${LAB_NAME_PATTERN} (it becomes part of interface names), got "${name}"`);
  }
}
