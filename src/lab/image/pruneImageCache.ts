import * as fs from "fs";
import * as path from "path";
import { mountsUnder } from "../host/removeTreeSafely";

/**
 * Removes cached images not in `keepKeys` that no overlay mount uses, and build leftovers of dead processes.
 * Returns the removed directory names.
 */
export function pruneImageCache(cacheDir: string, keepKeys: readonly string[]): string[] {
  if (!fs.existsSync(cacheDir)) return [];
  const mounts = fs.readFileSync("/proc/self/mounts", "utf8");
  const removed: string[] = [];
  for (const entry of fs.readdirSync(cacheDir)) {
    const full = path.join(cacheDir, entry);
    const tmp = /^[0-9a-f]{16}\.tmp-(\d+)$/.exec(entry);
    if (tmp) {
      if (!fs.existsSync(`/proc/${tmp[1]}`) && mountsUnder(full).length === 0) {
        fs.rmSync(full, { recursive: true, force: true });
        removed.push(entry);
      }
      continue;
    }
    if (!/^[0-9a-f]{16}$/.test(entry) || keepKeys.includes(entry)) continue;
    if (mounts.includes(`lowerdir=${path.join(full, "rootfs")}`) || mountsUnder(full).length) continue;
    fs.rmSync(full, { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}
