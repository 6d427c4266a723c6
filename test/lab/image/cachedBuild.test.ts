import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cachedBuild } from "../../../src/lab/image/cachedBuild";

const KEY = "0123456789abcdef";

describe("cachedBuild", () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), "cached-build-"))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const ready = (built: boolean, buildMs: number) => (fs.existsSync(path.join(root, KEY, "ready.json")) ? { built, buildMs, text: fs.readFileSync(path.join(root, KEY, "ready.json"), "utf8") } : undefined);

  test("builds once, into place, and the next call takes the cached entry without building", async () => {
    let builds = 0;
    const build = async (tmp: string) => {
      builds++;
      fs.writeFileSync(path.join(tmp, "ready.json"), "done\n");
    };
    const first = await cachedBuild({ root, key: KEY, lockMs: 10_000, ready, build, keepKeys: [KEY] });
    expect(first).toMatchObject({ built: true, text: "done\n" });
    const second = await cachedBuild({ root, key: KEY, lockMs: 10_000, ready, build, keepKeys: [KEY] });
    expect(second).toEqual({ built: false, buildMs: 0, text: "done\n" });
    expect(builds).toBe(1);
  });

  test("a failed build leaves neither a half entry nor its temporary directory, so the next call builds again", async () => {
    const failing = cachedBuild({
      root, key: KEY, lockMs: 10_000, ready, keepKeys: [KEY],
      build: async (tmp) => {
        fs.writeFileSync(path.join(tmp, "ready.json"), "half\n");
        throw new Error("mirror unreachable");
      },
    });
    await expect(failing).rejects.toThrow("mirror unreachable");
    expect(fs.readdirSync(root).filter((e) => !e.endsWith(".lock"))).toEqual([]);
  });

  test("after a build, older entries are pruned and reported, and the ones kept stay", async () => {
    const older = "fedcba9876543210";
    const kept = "1111111111111111";
    for (const k of [older, kept]) fs.mkdirSync(path.join(root, k));
    const removed: string[][] = [];
    await cachedBuild({ root, key: KEY, lockMs: 10_000, ready, keepKeys: [KEY, kept], onPruned: (r) => removed.push(r), build: async (tmp) => fs.writeFileSync(path.join(tmp, "ready.json"), "x") });
    expect(removed).toEqual([[older]]);
    expect(fs.existsSync(path.join(root, kept))).toBe(true);
  });
});
