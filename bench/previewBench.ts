import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EngineMissingError } from "../src/engine/pulumiEngine";
import { BenchWorkspace, ENV_STRING_LIMIT } from "./benchWorkspace";
import { CHECK, CheckFigure, CheckSample, checkFigure, checkOnce, generateStack, ROOT } from "./checkBench";
import { Figure, seconds } from "./figureTable";
import { median } from "./median";
import { previewViolations } from "../src/engine/previewViolations";


export interface PreviewComparison {
  label: string;
  stack: string;
  hosts: number;
  /** Size of the PULUMI_CONFIG string the CLI would hand the program and the pack. */
  configEnvBytes: number;
  /** Resources the preview plans to create (from its summary), for scale; NaN when the preview was not run. */
  resources: number;
  check: CheckFigure;
  previewRunsMs: number[];
  /** NaN when the preview cannot start (see notRun). */
  previewMedianMs: number;
  /** previewMedianMs / check.medianWallMs. */
  ratio: number;
  /** Why there is no preview figure. */
  notRun?: string;
  /** What the check ran on, when not the preview's stack file. */
  checkedFile?: string;
}

export interface PreviewBenchResult {
  comparisons: PreviewComparison[];
  /** Making the stacks (keys, `stack init`, one `pulumi config set --secret` per secret): not part of any figure. */
  setupMs: number;
  secretsSet: number;
  loadAverage: number;
}

/** Room left under the limit for what the CLI's JSON may add over ours. */
const ENV_SLACK = 4096;

/** `pulumi preview --policy-pack <ROOT>/policies` of a stack, from the project root; throws unless it is clean. */
async function previewOnce(ws: BenchWorkspace, stack: string): Promise<{ ms: number; resources: number }> {
  const r = await ws.pulumi(["preview", "--stack", stack, "--config-file", ws.stackFile(stack), "--policy-pack", path.join(ROOT, "policies"), "--non-interactive"], { timeoutMs: 300_000 });
  const out = r.stdout + r.stderr;
  const violations = previewViolations(r.stdout);
  if (r.code !== 0 || violations.length > 0) {
    const why = r.timedOut ? "timed out after 300 s (killed with its plugins)" : `exited ${r.code ?? r.signal}`;
    throw new Error(`pulumi preview --stack ${stack} ${why} with ${violations.length} violation(s) ${violations.join("; ")}:\n${out.slice(-2000)}`);
  }
  // The pack really ran (a preview without it would be a different, cheaper measurement).
  if (!/ha-securing-checklist@v\d+\.\d+\.\d+ \(local: /.test(r.stdout)) throw new Error(`pulumi preview --stack ${stack}: no ha-securing-checklist line in its Policies section:\n${out.slice(-2000)}`);
  const resources = Number(/(\d+) to create/.exec(r.stdout)?.[1] ?? NaN);
  return { ms: r.ms, resources };
}

/** Check and preview runs alternated (check, preview, check, …) so a change in the machine's load touches both. */
async function compare(ws: BenchWorkspace, s: { label: string; stack: string; hosts: number; configEnvBytes: number }, checkRuns: number, previewRuns: number): Promise<PreviewComparison> {
  const checks: CheckSample[] = [];
  const previews: number[] = [];
  let resources = NaN;
  for (let i = 0; i < Math.max(checkRuns, previewRuns); i++) {
    if (i < checkRuns) checks.push(await checkOnce(s.stack, ws.stacksDir));
    if (i < previewRuns) {
      const p = await previewOnce(ws, s.stack);
      previews.push(p.ms);
      resources = p.resources;
    }
  }
  const check = checkFigure(s.label, checks);
  const previewMedianMs = previews.length ? median(previews) : NaN;
  return { ...s, resources, check, previewRunsMs: previews, previewMedianMs, ratio: previewMedianMs / check.medianWallMs };
}

function previewSamples(c: PreviewComparison): string {
  return c.previewRunsMs.length ? `; preview ${c.previewRunsMs.map((ms) => (ms / 1000).toFixed(2)).join(" ")}` : "";
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

/**
 * `npm run check` beside the real `pulumi preview --policy-pack policies`, on the same stack files with real
 * secrets in a throw-away backend: the example stack (1 host) and the example's host repeated `hosts` times
 * (generateStack). When the big stack's decrypted config is too large for the CLI to hand to the program and the
 * pack (ENV_STRING_LIMIT), its preview is reported as unable to start (its check is still measured, on the
 * generated file) and the largest generated stack that fits, a multiple of 5 hosts, is compared instead.
 */
export async function runPreviewBench(opts: { checkRuns?: number; previewRuns?: number; hosts?: number; log?: (l: string) => void } = {}): Promise<PreviewBenchResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const checkRuns = opts.checkRuns ?? 5;
  const previewRuns = opts.previewRuns ?? 3;
  const hosts = opts.hosts ?? 50;
  if (!fs.existsSync("/usr/bin/time")) throw new Error("the check benchmark needs GNU time: apt-get install time");
  if (!fs.existsSync(CHECK)) throw new Error("build first: npm run build");
  let ws: BenchWorkspace;
  try {
    ws = new BenchWorkspace();
  } catch (e) {
    if (e instanceof EngineMissingError) throw new Error(`the preview comparison needs the Pulumi CLI: run \`npm run engine\` first, or pass --skip-preview (${e.message})`);
    throw e;
  }
  try {
    const t0 = Date.now();
    const src = path.join(ws.dir, "generated");
    fs.mkdirSync(src);
    const generated = (n: number): { stack: string; text: string } => {
      const stack = generateStack(n, src);
      return { stack, text: fs.readFileSync(path.join(src, `Pulumi.${stack}.yaml`), "utf8") };
    };
    const fits = (bytes: number): boolean => bytes <= ENV_STRING_LIMIT - ENV_SLACK;

    const runs: { label: string; stack: string; hosts: number; configEnvBytes: number; notRun?: string; checkedFile?: string }[] = [];
    const example = fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.example.yaml"), "utf8");
    runs.push({ label: "example (1 host)", stack: "example", ...(await ws.stackFrom(example, "example")) });
    const big = generated(hosts);
    const bigBytes = ws.estimateConfigEnvBytes(big.text, big.stack);
    if (fits(bigBytes)) {
      runs.push({ label: `generated (${hosts} hosts)`, stack: big.stack, ...(await ws.stackFrom(big.text, big.stack)) });
    } else {
      // Its check still runs, on the generated file (sample ciphertext: the check never decrypts).
      fs.copyFileSync(path.join(src, `Pulumi.${big.stack}.yaml`), ws.stackFile(big.stack));
      const notRun = `cannot start: its decrypted config, PULUMI_CONFIG, is ${kib(bigBytes)}, over Linux's ${kib(ENV_STRING_LIMIT)} for one environment variable (E2BIG; pulumi/pulumi#8680, #20402)`;
      runs.push({ label: `generated (${hosts} hosts)`, stack: big.stack, hosts, configEnvBytes: bigBytes, notRun, checkedFile: "generateStack's file, the example's sample ciphertext" });
      const perHost = (bigBytes - runs[0].configEnvBytes) / (hosts - 1);
      const fitting = Math.floor((ENV_STRING_LIMIT - ENV_SLACK - (runs[0].configEnvBytes - perHost)) / perHost);
      const n = fitting >= 10 ? fitting - (fitting % 5) : fitting;
      if (n >= 2) {
        const mid = generated(n);
        const made = await ws.stackFrom(mid.text, mid.stack);
        if (!fits(made.configEnvBytes)) throw new Error(`bench: the ${n}-host stack's config (${kib(made.configEnvBytes)}) does not fit after all`);
        runs.push({ label: `generated (${n} hosts)`, stack: mid.stack, ...made });
      }
    }
    const setupMs = Date.now() - t0;
    log(`preview stacks made in ${seconds(setupMs, 1)} (${ws.secretsSet} pulumi config set --secret calls, values on stdin)`);

    const comparisons: PreviewComparison[] = [];
    for (const s of runs) {
      const c = await compare(ws, s, checkRuns, s.notRun ? 0 : previewRuns);
      c.notRun = s.notRun;
      c.checkedFile = s.checkedFile;
      const preview = s.notRun ? `pulumi preview ${s.notRun}` : `pulumi preview ${seconds(c.previewMedianMs)}   preview/check ${c.ratio.toFixed(1)}x   (${c.resources} resources)`;
      log(`  ${s.label.padEnd(22)} check ${seconds(c.check.medianWallMs)}   ${preview}`);
      log(`    runs: check ${c.check.samplesMs.map((ms) => (ms / 1000).toFixed(2)).join(" ")}${previewSamples(c)}`);
      comparisons.push(c);
    }
    return { comparisons, setupMs, secretsSet: ws.secretsSet, loadAverage: os.loadavg()[0] };
  } finally {
    ws.remove();
  }
}

/** One line per figure: check, preview and their ratio for each stack, then the check's peak memory. */
export function previewFigures(r: PreviewBenchResult): Figure[] {
  const load = `load average ${r.loadAverage.toFixed(2)} on ${os.cpus().length} cores`;
  return r.comparisons.flatMap((c) => {
    const out: Figure[] = [
      { label: `check, ${c.label}`, value: seconds(c.check.medianWallMs), how: `node dist/src/cli/check.js --stack ${c.stack} --stacks-dir DIR, wall, median of ${c.check.runs} (${c.checkedFile ?? "the preview's stack file"}; ${load})` },
    ];
    if (c.notRun) {
      out.push({ label: `pulumi preview, ${c.label}`, value: "n/a", how: c.notRun });
    } else {
      out.push(
        {
          label: `pulumi preview, ${c.label}`,
          value: seconds(c.previewMedianMs),
          how: `pulumi preview --policy-pack policies --stack ${c.stack} --config-file F --non-interactive from the project root, wall, median of ${c.previewRunsMs.length}; exit 0, no violation, ${c.resources} to create`,
        },
        { label: `preview/check, ${c.label}`, value: `${c.ratio.toFixed(1)}x`, how: "ratio of the two medians above (same stack file, real secrets, runs alternated)" },
      );
    }
    out.push({ label: `check peak RSS, ${c.label}`, value: `${c.check.peakRssMb.toFixed(0)} MB`, how: `GNU time %M of the check + the pack's VmHWM, largest of ${c.check.runs}` });
    return out;
  });
}
