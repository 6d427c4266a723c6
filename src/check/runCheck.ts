import * as fs from "fs";
import * as path from "path";
import { PolicyPackClient } from "../analyzer/PolicyPackClient";
import { blocksDeployment, EnforcementLevel, PolicyDiagnostic, PolicyPackInfo, Severity } from "../analyzer/policyDiagnostic";
import { startPolicyPack } from "../analyzer/startPolicyPack";
import { ConfigError } from "../core/configError";
import { PROJECT_NAME } from "../core/configKey";
import { captureProgram } from "../preview/captureProgram";
import { CapturedResource } from "../preview/capturedResource";
import { STACKS_DIR, stackFilePath } from "../core/stackFiles";
import { readStackFile, StackFileError } from "../preview/readStackFile";
import { checklistReport, ChecklistEntry, PolicyRun } from "./checklistReport";
import { HostIndex, indexHosts } from "./hostOfResource";

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

/**
 * One violation, one per resource as the engine reports it, with the field names of the engine's policy event
 * (`pulumi preview --json`, apitype.PolicyEvent): resourceUrn and severity are left out when empty.
 */
export interface CheckViolation {
  resourceUrn?: string;
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
  /** The violation's own sentence (the policy's description is in the pack's info). */
  message: string;
}

/** The pack's version as its package.json gives it (what the CLI prints as `ha-securing-checklist@v…`). */
export function readPackVersion(packDir: string): string {
  const file = path.join(packDir, "package.json");
  const version = (JSON.parse(fs.readFileSync(file, "utf8")) as { version?: unknown }).version;
  if (typeof version !== "string" || version === "") throw new Error(`${file} has no version`);
  return version;
}

export type CheckResult =
  | { kind: "config-error"; message: string }
  | {
      kind: "checked";
      resources: CapturedResource[];
      hosts: HostIndex;
      /** The stack file the config came from. */
      stackFile: string;
      /** The pack's self-description (its policies' descriptions, levels, severities, remediation) and version. */
      pack: PolicyPackInfo & { packageVersion: string };
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
  const stacksDir = opts.stacksDir ?? path.join(opts.projectDir, STACKS_DIR);
  try {
    stackConfig = readStackFile(stacksDir, opts.stack, opts.overrides, opts.secretOverrides);
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
  const info = await pack.getAnalyzerInfo();
  const policyNames = info.policies.map((p) => p.name);
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

  const hosts = indexHosts(resources);
  const packageVersion = readPackVersion(path.join(opts.projectDir, "policies"));
  const violations = diagnostics.map(
    (d): CheckViolation => ({
      ...(d.urn ? { resourceUrn: d.urn } : {}),
      policyName: d.policyName,
      policyPackName: d.policyPackName || info.name,
      policyPackVersion: packageVersion,
      enforcementLevel: d.enforcementLevel,
      ...(d.severity ? { severity: d.severity } : {}),
      message: d.message,
    }),
  );
  return {
    kind: "checked",
    resources,
    hosts,
    stackFile: stackFilePath(stacksDir, opts.stack),
    pack: { ...info, packageVersion },
    violations,
    checklist: checklistReport(hosts, diagnostics, runs),
    mandatory: diagnostics.filter((d) => blocksDeployment(d.enforcementLevel)).length,
    timings: { captureMs, packStartMs: pack.startupMs, analyzeMs, packPeakRssKb },
  };
}
