import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Figure, seconds } from "./figureTable";
import { median } from "./median";
import { GroupRun, runGroup } from "./runGroup";

const ROOT = path.resolve(__dirname, "..", "..");
const BUILD = path.join(ROOT, "engine", "build.sh");

export interface EngineBenchResult {
  /** `bash engine/build.sh` with the engine cache present and the plugin installed (median of cachedRunsMs). */
  cachedMedianMs: number;
  cachedRunsMs: number[];
  /** The unmeasured first run, when it had to build (the sources changed since the cache was filled; Go cache warm). */
  warmupBuildMs?: number;
  /** Empty engine cache, empty GOCACHE, empty PULUMI_HOME (module cache kept); NaN when skipped. */
  coldMs: number;
  /** build.sh's own "built in N s" of the cold run (compiling only, without the plugin install and checks). */
  coldBuildReportedS: number;
  engineCache: string;
}

/** PATH without any directory holding a `pulumi` (build.sh would use that one instead of building). */
export function pathWithoutPulumi(pathVar: string): string {
  return pathVar
    .split(path.delimiter)
    .filter((dir) => dir !== "" && !fs.existsSync(path.join(dir, "pulumi")))
    .join(path.delimiter);
}

/** `bash engine/build.sh`, in its own process group (a timeout kills the compilers too). */
function buildScript(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<GroupRun> {
  return runGroup("bash", [BUILD], { cwd: ROOT, env, timeoutMs });
}

function failed(what: string, r: GroupRun): Error {
  const offline = /GOPROXY=off|module lookup disabled/.test(r.stderr) ? "\n(a Go module is missing from the module cache: run `npm run engine` once, which downloads them; the benchmark never downloads)" : "";
  return new Error(`${what}: bash engine/build.sh ${r.timedOut ? "timed out" : `exited ${r.code ?? r.signal}`}:\n${r.stderr.slice(-1500)}${offline}`);
}

/**
 * The engine build, cached and cold. Every run uses a PATH without `pulumi` (so the script builds or uses its
 * cache instead of taking a CLI from PATH), GOPROXY=off (downloads are not the build; nothing leaves the machine),
 * and a temporary PULUMI_HOME (the script installs the command provider there, never into the user's plugin cache).
 * Cached: the user's engine cache (HA_ENGINE_CACHE or its default) after one unmeasured run that fills it if needed.
 * Cold: an empty HA_ENGINE_CACHE and an empty GOCACHE (GOMODCACHE kept): the whole Pulumi CLI is compiled, ~5 min.
 */
export async function runEngineBench(opts: { cachedRuns?: number; skipCold?: boolean; log?: (l: string) => void } = {}): Promise<EngineBenchResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hh-bench-engine-build-"));
  try {
    const base: NodeJS.ProcessEnv = { ...process.env, PATH: pathWithoutPulumi(process.env.PATH ?? ""), GOPROXY: "off" };
    delete base.PULUMI_HOME;
    const go = base.PATH!.split(path.delimiter).some((d) => fs.existsSync(path.join(d, "go")));
    if (!go) throw new Error("the engine benchmark needs Go on PATH (engine/build.sh compiles the Pulumi CLI)");
    const engineCache = process.env.HA_ENGINE_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "ha-hardened-host", "engine");

    const cachedHome = path.join(tmp, "pulumi-home-cached");
    fs.mkdirSync(cachedHome);
    const cachedEnv = { ...base, PULUMI_HOME: cachedHome };
    const warm = await buildScript(cachedEnv, 30 * 60_000);
    if (warm.code !== 0) throw failed("engine (filling the cache)", warm);
    let warmupBuildMs: number | undefined;
    if (/building the Pulumi CLI/.test(warm.stderr)) {
      warmupBuildMs = warm.ms;
      log(`engine: the cache in ${engineCache} did not match the sources; filled it first (Go build cache warm): ${seconds(warm.ms, 1)}`);
    }
    const cachedRunsMs: number[] = [];
    for (let i = 0; i < (opts.cachedRuns ?? 3); i++) {
      const r = await buildScript(cachedEnv, 5 * 60_000);
      if (r.code !== 0) throw failed("engine (cached)", r);
      if (/building the|installing the command provider/.test(r.stderr)) throw new Error(`engine (cached): run ${i + 1} rebuilt or reinstalled instead of using the cache:\n${r.stderr.slice(-1500)}`);
      cachedRunsMs.push(r.ms);
    }
    log(`engine build, cached (median of ${cachedRunsMs.length}): ${seconds(median(cachedRunsMs))}`);

    let coldMs = NaN;
    let coldBuildReportedS = NaN;
    if (!opts.skipCold) {
      const coldEnv: NodeJS.ProcessEnv = { ...base, HA_ENGINE_CACHE: path.join(tmp, "engine-cache"), GOCACHE: path.join(tmp, "gocache"), PULUMI_HOME: path.join(tmp, "pulumi-home-cold") };
      fs.mkdirSync(coldEnv.GOCACHE!);
      fs.mkdirSync(coldEnv.PULUMI_HOME!);
      log("engine build, cold: compiling the whole Pulumi CLI into empty caches (about 5 minutes on 2 cores)...");
      const r = await buildScript(coldEnv, 40 * 60_000);
      if (r.code !== 0) throw failed("engine (cold)", r);
      if (!/building the Pulumi CLI/.test(r.stderr)) throw new Error(`engine (cold): the script did not build:\n${r.stderr.slice(-1500)}`);
      coldMs = r.ms;
      coldBuildReportedS = Number(/built in (\d+) s/.exec(r.stderr)?.[1] ?? NaN);
      log(`engine build, cold: ${seconds(coldMs, 0)}`);
    }
    return { cachedMedianMs: median(cachedRunsMs), cachedRunsMs, warmupBuildMs, coldMs, coldBuildReportedS, engineCache };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export function engineFigures(r: EngineBenchResult): Figure[] {
  const env = "PATH without pulumi, GOPROXY=off, temp PULUMI_HOME";
  const out: Figure[] = [];
  if (Number.isFinite(r.coldMs)) {
    out.push({
      label: "engine build, cold",
      value: seconds(r.coldMs, 0),
      how: `bash engine/build.sh, empty HA_ENGINE_CACHE + GOCACHE, GOMODCACHE kept (${env}); one run, wall; the script's own "built in": ${r.coldBuildReportedS} s`,
    });
  } else {
    out.push({ label: "engine build, cold", value: "skipped", how: "--skip-cold (npm run bench -- engine runs it: ~5 min of every core)" });
  }
  if (r.warmupBuildMs !== undefined) {
    out.push({ label: "engine build, Go cache warm", value: seconds(r.warmupBuildMs, 0), how: `bash engine/build.sh when the sources changed since ${r.engineCache} was filled (${env}); the unmeasured first run` });
  }
  out.push({ label: "engine build, cached", value: seconds(r.cachedMedianMs), how: `bash engine/build.sh with ${r.engineCache} filled, wall, median of ${r.cachedRunsMs.length} (${env})` });
  return out;
}
