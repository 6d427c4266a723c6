import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const BUILD = path.resolve(__dirname, "..", "..", "engine", "build.sh");

/** A fake `pulumi` on PATH: prints VERSION, lists the plugins in its plugins file, records every call. */
function fakePulumi(version: string, plugins: string): { dir: string; calls: () => string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-pulumi-"));
  const log = path.join(dir, "calls");
  fs.writeFileSync(
    path.join(dir, "pulumi"),
    `#!/bin/sh\necho "$*" >> '${log}'\ncase "$1" in\n  version) echo '${version}' ;;\n  plugin) [ "$2" = ls ] && printf '%s\\n' 'NAME     KIND      VERSION  SIZE' '${plugins}' ;;\nesac\nexit 0\n`,
    { mode: 0o755 },
  );
  return { dir, calls: () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : []) };
}

function build(pathDir: string, args: string[] = []): { code: number | null; stdout: string; stderr: string } {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "engine-cache-"));
  // Only the fake and the system's tools on PATH; an empty cache, so nothing real is found or built by --locate.
  const r = spawnSync("bash", [BUILD, ...args], {
    env: { PATH: `${pathDir}:/usr/bin:/bin`, HOME: cache, HA_ENGINE_CACHE: path.join(cache, "engine"), PULUMI_HOME: path.join(cache, "pulumi") },
    encoding: "utf8",
    timeout: 60_000,
  });
  fs.rmSync(cache, { recursive: true, force: true });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lastLine = (s: string): string => s.trim().split("\n").pop() ?? "";

test("a new enough pulumi on PATH is used: its directory is the last line, and the command provider is installed once because runs never download plugins", () => {
  const fake = fakePulumi("v3.300.0", "aws      resource  6.0.0    1 MB");
  const r = build(fake.dir);
  expect({ code: r.code, last: lastLine(r.stdout) }).toEqual({ code: 0, last: fake.dir });
  expect(fake.calls()).toContain("plugin install resource command 1.2.1");
});

test("a pulumi on PATH that already has the command provider 1.2.1 is used without installing anything", () => {
  const fake = fakePulumi("v3.300.0", "command  resource  1.2.1    30 MB");
  const r = build(fake.dir);
  expect({ code: r.code, last: lastLine(r.stdout) }).toEqual({ code: 0, last: fake.dir });
  expect(fake.calls().filter((c) => c.startsWith("plugin install"))).toEqual([]);
});

test("a pulumi on PATH older than the SDK is not used: --locate says so and exits 1 when no engine is built", () => {
  const fake = fakePulumi("v3.100.0", "");
  const r = build(fake.dir, ["--locate"]);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/version 'v3\.100\.0'\) is older than 3\.207\.0 or unusable: not used/);
});
