import * as fs from "fs";
import * as path from "path";
import { PolicyPackClient } from "../analyzer/PolicyPackClient";
import { blocksDeployment, PolicyDiagnostic } from "../analyzer/policyDiagnostic";
import { startPolicyPack } from "../analyzer/startPolicyPack";
import { ConfigError } from "../config/configError";
import { captureProgram, PROJECT_NAME } from "../preview/captureProgram";
import { CapturedResource } from "../preview/capturedResource";
import { readStackFile, StackFileError } from "../preview/readStackFile";
import { checklistReport, ChecklistEntry, PolicyRun } from "./checklistReport";
import { HARDENED_HOST_TYPE } from "../host/stepManifest";
import { hostOfResource } from "./hostOfResource";

export interface CheckOptions {
  projectDir: string;
  stack: string;
  /** Where Pulumi.STACK.yaml is; default <projectDir>/stacks (Pulumi.yaml's stackConfigDir). */
  stacksDir?: string;
  /** Config overrides by `project:path` (as `pulumi config set --path` takes them), e.g. for the lab. */
  overrides?: Record<string, unknown>;
  secretOverrides?: string[];
  /** A pack already starting (the CLI starts it before loading the program, to overlap the two). */
  pack?: Promise<PolicyPackClient>;
  /** Preview (outputs unknown) or up (outputs known). */
  preview?: boolean;
}

export interface CheckViolation {
  policy: string;
  enforcementLevel: string;
  severity: string;
  resource: string;
  message: string;
}

export type CheckResult =
  | { kind: "config-error"; message: string }
  | {
      kind: "checked";
      resources: CapturedResource[];
      violations: CheckViolation[];
      checklist: ChecklistEntry[];
      mandatory: number;
      timings: { captureMs: number; packStartMs: number; analyzeMs: number; packPeakRssKb?: number };
    };

const ANALYZE_IN_FLIGHT = 8;

async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The pack's peak resident memory (Linux /proc VmHWM), for the benchmark; undefined elsewhere. */
function peakRssKb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The program under mocks, every resource through the real pack over gRPC: Analyze each, then AnalyzeStack. */
export async function runCheck(opts: CheckOptions): Promise<CheckResult> {
  // Start the pack while the program runs: the two do not depend on each other.
  const packStarting = opts.pack ?? startPolicyPack(path.join(opts.projectDir, "policies"));
  packStarting.catch(() => undefined);
  try {
    return await checkWith(opts, packStarting);
  } finally {
    await packStarting.then((p) => p.stop(), () => undefined);
  }
}

async function checkWith(opts: CheckOptions, packStarting: Promise<PolicyPackClient>): Promise<CheckResult> {
  let stackConfig;
  try {
    stackConfig = readStackFile(opts.stacksDir ?? path.join(opts.projectDir, "stacks"), opts.stack, opts.overrides, opts.secretOverrides);
  } catch (e) {
    if (e instanceof StackFileError) return { kind: "config-error", message: e.message };
    throw e;
  }
  const t0 = Date.now();
  let resources: CapturedResource[];
  try {
    const { runProgram } = require("../program") as { runProgram: () => unknown };
    resources = await captureProgram({ stack: opts.stack, config: stackConfig, preview: opts.preview ?? true, program: runProgram });
  } catch (e) {
    if (ConfigError.isInstance(e)) return { kind: "config-error", message: e.message };
    throw e;
  }
  const captureMs = Date.now() - t0;
  const pack = await packStarting;
  await pack.configureStack({ stack: opts.stack, project: PROJECT_NAME, dryRun: opts.preview ?? true });
  const t1 = Date.now();
  const diagnostics: PolicyDiagnostic[] = [];
  const runs: PolicyRun[] = [];
  const policyNames = (await pack.getAnalyzerInfo()).policies.map((p) => p.name);
  // The engine analyzes each resource as its step comes up; offline they are all ready at once, so a few
  // Analyze calls are kept in flight (results are gathered in registration order all the same).
  const results = await mapBounded(resources, ANALYZE_IN_FLIGHT, (r) => pack.analyzeFull(r));
  resources.forEach((r, i) => {
    diagnostics.push(...results[i].diagnostics.map((d) => ({ ...d, urn: d.urn || r.urn })));
    const na = new Set(results[i].notApplicable.map((n) => n.policyName));
    for (const name of policyNames) runs.push({ urn: r.urn, policyName: name, notApplicable: na.has(name) });
  });
  diagnostics.push(...(await pack.analyzeStack(resources)));
  const analyzeMs = Date.now() - t1;
  const packPeakRssKb = peakRssKb(pack.pid);

  const hostOf = hostOfResource(resources);
  const hosts = resources.filter((r) => r.type === HARDENED_HOST_TYPE).map((r) => r.name);
  const violations = diagnostics.map((d) => ({
    policy: d.policyName,
    enforcementLevel: d.enforcementLevel,
    severity: d.severity ?? "",
    resource: d.urn,
    message: d.message,
  }));
  return {
    kind: "checked",
    resources,
    violations,
    checklist: checklistReport(hosts, hostOf, diagnostics, runs),
    mandatory: diagnostics.filter((d) => blocksDeployment(d.enforcementLevel)).length,
    timings: { captureMs, packStartMs: pack.startupMs, analyzeMs, packPeakRssKb },
  };
}
