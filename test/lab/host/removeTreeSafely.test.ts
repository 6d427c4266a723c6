import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { mountsUnder, removeTreeSafely } from "../../../src/lab/host/removeTreeSafely";

describe("removeTreeSafely", () => {
  let dir: string;
  let mounted: string | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rmsafe-test-"));
  });
  afterEach(() => {
    if (mounted) execFileSync("umount", [mounted]);
    mounted = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("refuses while something is mounted inside, so a leftover /dev or overlay mount is never deleted through", () => {
    mounted = path.join(dir, "rootfs", "proc");
    fs.mkdirSync(mounted, { recursive: true });
    execFileSync("mount", ["-t", "tmpfs", "tmpfs", mounted]);
    fs.writeFileSync(path.join(mounted, "keep"), "x");
    expect(mountsUnder(dir)).toEqual([mounted]);
    expect(() => removeTreeSafely(dir)).toThrow(`refusing to delete ${dir}: still mounted inside: ${mounted}`);
    expect(fs.readFileSync(path.join(mounted, "keep"), "utf8")).toBe("x");
  });

  test("removes the tree when nothing is mounted inside", () => {
    fs.mkdirSync(path.join(dir, "a", "b"), { recursive: true });
    removeTreeSafely(dir);
    expect(fs.existsSync(dir)).toBe(false);
  });
});
