import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { Figure, seconds } from "./figureTable";
import { median } from "./median";

/** The project root (bench/*.ts compiles into dist/bench) and the built `npm run check`. */
export const ROOT = path.resolve(__dirname, "..", "..");
export const CHECK = path.join(ROOT, "dist", "src", "cli", "check.js");

export interface CheckFigure {
  label: string;
  runs: number;
  medianWallMs: number;
  /** Each run's wall time, in run order. */
  samplesMs: number[];
  /** Peak resident memory of the check process plus the pack process, the larger of the runs. */
  peakRssMb: number;
  medianPackStartMs: number;
}

/** The example stack with `n` hosts (names h00…, addresses in the RFC 2544 lab block: only config, no traffic). */
export function generateStack(n: number, dir: string): string {
  const example = YAML.parse(fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.example.yaml"), "utf8"));
  const template = example.config["ha-hardened-host:hosts"][0];
  example.config["ha-hardened-host:hosts"] = Array.from({ length: n }, (_, i) => ({
    ...template,
    name: `h${String(i).padStart(2, "0")}`,
    address: `198.18.${100 + Math.floor(i / 200)}.${(i % 200) + 2}`,
  }));
  const name = `bench${n}`;
  fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), YAML.stringify(example));
  return name;
}


export interface CheckSample {
  wallMs: number;
  selfKb: number;
  packKb: number;
  packStartMs: number;
}

/** One `npm run check` (the built CLI, as the npm script runs it) under GNU time for the check's own peak. */
export function checkOnce(stack: string, stacksDir: string): Promise<CheckSample> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn("/usr/bin/time", ["-f", "TIME_MAXRSS_KB=%M", process.execPath, CHECK, "--stack", stack, "--stacks-dir", stacksDir], {
      cwd: ROOT,
      env: { ...process.env, HA_CHECK_TIMINGS: "1" },
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 600_000,
      killSignal: "SIGKILL",
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) return reject(new Error(`check --stack ${stack} exited ${code ?? signal}: ${stderr.slice(-400)}`));
      const timings = JSON.parse(stderr.split("\n").find((l) => l.startsWith("{\"captureMs\"")) ?? "{}");
      const selfKb = Number(/TIME_MAXRSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN);
      resolve({ wallMs, selfKb, packKb: timings.packPeakRssKb ?? NaN, packStartMs: timings.packStartMs ?? NaN });
    });
  });
}

export async function benchCheck(label: string, stack: string, stacksDir: string, runs: number): Promise<CheckFigure> {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await checkOnce(stack, stacksDir));
  return checkFigure(label, samples);
}

/** The medians (and the largest peak) of a stack's check runs. */
export function checkFigure(label: string, samples: CheckSample[]): CheckFigure {
  return {
    label,
    runs: samples.length,
    medianWallMs: median(samples.map((s) => s.wallMs)),
    samplesMs: samples.map((s) => s.wallMs),
    peakRssMb: Math.max(...samples.map((s) => s.selfKb + s.packKb)) / 1024,
    medianPackStartMs: median(samples.map((s) => s.packStartMs)),
  };
}

export async function runCheckBench(runs = 5): Promise<CheckFigure[]> {
  if (!fs.existsSync("/usr/bin/time")) throw new Error("the check benchmark needs GNU time: apt-get install time");
  if (!fs.existsSync(CHECK)) throw new Error("build first: npm run build");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-bench-"));
  try {
    fs.copyFileSync(path.join(ROOT, "stacks", "Pulumi.example.yaml"), path.join(dir, "Pulumi.example.yaml"));
    const big = generateStack(50, dir);
    return [await benchCheck("example (1 host)", "example", dir, runs), await benchCheck("generated (50 hosts)", big, dir, runs)];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printCheckFigures(figures: CheckFigure[], log: (l: string) => void = console.log): void {
  log(`npm run check (median of the runs; load average ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores):`);
  for (const f of figures) {
    log(
      `  ${f.label.padEnd(22)} wall ${(f.medianWallMs / 1000).toFixed(2)} s   peak ${f.peakRssMb.toFixed(0)} MB (check + pack)   ` +
        `pack start→serving ${(f.medianPackStartMs / 1000).toFixed(2)} s   (${f.runs} runs)`,
    );
  }
}

/** One line per figure for the table: wall time and peak memory of each stack's check. */
export function checkFigures(figures: CheckFigure[], stacksNote: string): Figure[] {
  return figures.flatMap((f) => [
    { label: `check, ${f.label}`, value: seconds(f.medianWallMs), how: `node dist/src/cli/check.js --stack S --stacks-dir DIR, wall, median of ${f.runs} (${stacksNote})` },
    { label: `check peak RSS, ${f.label}`, value: `${f.peakRssMb.toFixed(0)} MB`, how: `GNU time %M of the check + the pack's VmHWM, largest of ${f.runs}` },
  ]);
}

if (require.main === module) {
  const runs = Number(process.argv[2] ?? 5);
  runCheckBench(runs).then(printCheckFigures, (e) => {
    console.error(e.message);
    process.exit(1);
  });
}
