import * as fs from "fs";
import * as path from "path";

/** Mount points at or below `dir` (from /proc/self/mounts; octal escapes decoded). */
export function mountsUnder(dir: string): string[] {
  const root = path.resolve(dir);
  return fs
    .readFileSync("/proc/self/mounts", "utf8")
    .split("\n")
    .map((l) => l.split(" ")[1])
    .filter((m): m is string => !!m)
    .map((m) => m.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((m) => m === root || m.startsWith(root + "/"));
}

/**
 * rm -rf that refuses while anything is mounted inside (an interrupted mmdebstrap or nspawn can leave /proc,
 * /dev or an overlay mounted there, and deleting through those would hit the controller's own files).
 */
export function removeTreeSafely(dir: string): void {
  const mounts = mountsUnder(dir);
  if (mounts.length) {
    throw new Error(`refusing to delete ${dir}: still mounted inside: ${mounts.join(", ")}; unmount them (umount -R) and retry`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
