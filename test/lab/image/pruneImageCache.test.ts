import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pruneImageCache } from "../../../src/lab/image/pruneImageCache";

describe("pruneImageCache", () => {
  let cache: string;
  let mounted: string | undefined;
  beforeEach(() => {
    cache = fs.mkdtempSync(path.join(os.tmpdir(), "prune-test-"));
  });
  afterEach(() => {
    if (mounted) execFileSync("umount", [mounted]);
    mounted = undefined;
    fs.rmSync(cache, { recursive: true, force: true });
  });

  const mk = (...names: string[]): void => names.forEach((n) => fs.mkdirSync(path.join(cache, n, "rootfs"), { recursive: true }));

  test("removes old images and dead builders' leftovers but keeps the current image of each OS, live builds and foreign files", () => {
    mk("aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "dddddddddddddddd", "bbbbbbbbbbbbbbbb.tmp-999999999", `cccccccccccccccc.tmp-${process.pid}`, "notes");
    const removed = pruneImageCache(cache, ["aaaaaaaaaaaaaaaa", "dddddddddddddddd"]).sort();
    expect(removed).toEqual(["bbbbbbbbbbbbbbbb", "bbbbbbbbbbbbbbbb.tmp-999999999"]);
    expect(fs.readdirSync(cache).sort()).toEqual(["aaaaaaaaaaaaaaaa", `cccccccccccccccc.tmp-${process.pid}`, "dddddddddddddddd", "notes"]);
  });

  test("keeps an old image a running lab host still uses as its overlay lower layer", () => {
    mk("aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "host/upper", "host/work", "host/merged");
    const lower = path.join(cache, "bbbbbbbbbbbbbbbb", "rootfs");
    const h = path.join(cache, "host");
    mounted = path.join(h, "merged");
    execFileSync("mount", ["-t", "overlay", "overlay", "-o", `lowerdir=${lower},upperdir=${h}/upper,workdir=${h}/work`, mounted]);
    expect(pruneImageCache(cache, ["aaaaaaaaaaaaaaaa"])).toEqual([]);
    expect(fs.existsSync(lower)).toBe(true);
  });
});
