import * as fs from "fs";
import * as path from "path";
import { withDirLock } from "../host/dirLock";
import { removeTreeSafely } from "../host/removeTreeSafely";
import { pruneImageCache } from "./pruneImageCache";

export interface CachedBuildOptions<T> {
  /** The cache directory the entry `<root>/<key>` lives in (created 0700). */
  root: string;
  key: string;
  /** How long another process's build may hold the lock. */
  lockMs: number;
  /** The entry as the caller returns it when `<root>/<key>` is complete, else undefined. */
  ready: (built: boolean, buildMs: number) => T | undefined;
  /** Builds into the empty directory `tmp`, which becomes `<root>/<key>`; it writes the marker `ready` looks for. */
  build: (tmp: string, started: number) => Promise<void>;
  /** Entries the prune after a build keeps (the new one among them). */
  keepKeys: readonly string[];
  /** Told the entries the prune removed, when there were any. */
  onPruned?: (removed: string[]) => void;
}

/**
 * A cache entry built once: returned at once when complete; else built under a lock (a concurrent builder's entry
 * is taken when it finishes), into a temporary directory renamed into place, so an interrupted build never leaves
 * a half entry; older entries are pruned after a build.
 */
export async function cachedBuild<T>(o: CachedBuildOptions<T>): Promise<T> {
  const cached = o.ready(false, 0);
  if (cached) return cached;
  fs.mkdirSync(o.root, { recursive: true, mode: 0o700 });
  return withDirLock(path.join(o.root, `${o.key}.lock`), o.lockMs, async () => {
    const again = o.ready(false, 0);
    if (again) return again;
    const started = Date.now();
    const tmp = path.join(o.root, `${o.key}.tmp-${process.pid}`);
    removeTreeSafely(tmp);
    fs.mkdirSync(tmp, { recursive: true });
    try {
      await o.build(tmp, started);
      fs.renameSync(tmp, path.join(o.root, o.key));
      const pruned = pruneImageCache(o.root, o.keepKeys);
      if (pruned.length) o.onPruned?.(pruned);
    } catch (err) {
      removeTreeSafely(tmp);
      throw err;
    }
    return o.ready(true, Date.now() - started)!;
  });
}
