import * as grpc from "@grpc/grpc-js";
import type { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { CapturedResource } from "../preview/capturedResource";
import {
  ENFORCEMENT_LEVELS, SEVERITIES,
  type AnalyzeResult, type EnforcementLevel, type PolicyDiagnostic, type PolicyPackConfig, type PolicyPackInfo,
} from "./policyDiagnostic";
import { toAnalyzeRequest, toAnalyzeStackRequest } from "./toAnalyzerMessages";

/** Each RPC gets this long before it fails (a pack answers in milliseconds; a hung one must not hang us). */
const RPC_DEADLINE_MS = 30_000;

/** The running pack, spoken to over gRPC like the engine does. Created by startPolicyPack. */
export class PolicyPackClient {
  private info?: PolicyPackInfo;
  private stopped = false;

  constructor(
    private readonly client: AnalyzerClient,
    /** The pack process. */
    readonly pid: number,
    /** Milliseconds from spawning the pack to reading its port. */
    readonly startupMs: number,
    /** Pack stdout/stderr after the port line (its logs: without an engine, @pulumi/pulumi logs to the console). */
    readonly logs: string[],
    private readonly onStop: () => Promise<void>,
  ) {}

  private call<Req, Res>(method: (req: Req, md: grpc.Metadata, opts: Partial<grpc.CallOptions>, cb: (e: grpc.ServiceError | null, r: Res) => void) => unknown, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      const failed = (why: string) => reject(new Error(`policy pack RPC failed: ${why}${this.logs.length ? `; pack output: ${this.logs.slice(-5).join(" | ")}` : ""}`));
      if (this.stopped) return failed("the pack was stopped; start it again with startPolicyPack");
      try {
        method.call(this.client, req, new grpc.Metadata(), { deadline: Date.now() + RPC_DEADLINE_MS }, (err: grpc.ServiceError | null, res: Res) => {
          if (err) failed(err.details || err.message);
          else resolve(res);
        });
      } catch (e) {
        failed((e as Error).message);
      }
    });
  }

  async getAnalyzerInfo(): Promise<PolicyPackInfo> {
    if (this.info) return this.info;
    const res = await this.call<Empty, analyzerpb.AnalyzerInfo>(this.client.getAnalyzerInfo, new Empty());
    this.info = {
      name: res.getName(),
      version: res.getVersion(),
      policies: res.getPoliciesList().map((p) => {
        const fw = p.getFramework();
        const schema = p.getConfigschema();
        return {
          name: p.getName(),
          description: p.getDescription(),
          enforcementLevel: ENFORCEMENT_LEVELS[p.getEnforcementlevel()],
          severity: SEVERITIES[p.getSeverity()],
          remediationSteps: p.getRemediationSteps(),
          framework: fw && { name: fw.getName(), version: fw.getVersion(), reference: fw.getReference(), specification: fw.getSpecification() },
          configSchema: schema && { properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>, required: schema.getRequiredList() },
        };
      }),
    };
    return this.info;
  }

  /**
   * Sends policy config as the CLI does for `--policy-pack-config`. A policy given properties but no
   * level keeps its own level (the proto's default 0 would silently make it advisory).
   */
  async configure(config: PolicyPackConfig): Promise<void> {
    const info = await this.getAnalyzerInfo();
    const req = new analyzerpb.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, value] of Object.entries(config)) {
      const policy = info.policies.find((p) => p.name === name);
      if (!policy) throw new Error(`policy pack config names ${name}, which ${info.name} does not have`);
      const { enforcementLevel, ...props } = typeof value === "string" ? { enforcementLevel: value } : value;
      const level: EnforcementLevel = enforcementLevel ?? policy.enforcementLevel;
      const pc = new analyzerpb.PolicyConfig();
      pc.setEnforcementlevel(ENFORCEMENT_LEVELS.indexOf(level));
      pc.setProperties(Struct.fromJavaScript(props as Record<string, never>));
      map.set(name, pc);
    }
    await this.call(this.client.configure, req);
  }

  async configureStack(stack: { stack: string; project: string; organization?: string; dryRun: boolean; tags?: Record<string, string> }): Promise<void> {
    const req = new analyzerpb.AnalyzerStackConfigureRequest();
    req.setStack(stack.stack);
    req.setProject(stack.project);
    req.setOrganization(stack.organization ?? "");
    req.setDryRun(stack.dryRun);
    const tags = req.getTagsMap();
    for (const [k, v] of Object.entries(stack.tags ?? {})) tags.set(k, v);
    await this.call(this.client.configureStack, req);
  }

  /** Analyze one resource's inputs (engine wire form), with the policies that said "not applicable". */
  async analyzeFull(resource: CapturedResource): Promise<AnalyzeResult> {
    return toResult(await this.call<analyzerpb.AnalyzeRequest, analyzerpb.AnalyzeResponse>(this.client.analyze, toAnalyzeRequest(resource)));
  }

  async analyze(resource: CapturedResource): Promise<PolicyDiagnostic[]> {
    return (await this.analyzeFull(resource)).diagnostics;
  }

  async analyzeStackFull(resources: readonly CapturedResource[]): Promise<AnalyzeResult> {
    return toResult(await this.call<analyzerpb.AnalyzeStackRequest, analyzerpb.AnalyzeResponse>(this.client.analyzeStack, toAnalyzeStackRequest(resources)));
  }

  async analyzeStack(resources: readonly CapturedResource[]): Promise<PolicyDiagnostic[]> {
    return (await this.analyzeStackFull(resources)).diagnostics;
  }

  /** Closes the channel and ends the pack process; safe to call more than once. */
  stop(): Promise<void> {
    this.stopped = true;
    return this.onStop();
  }
}

function toResult(res: analyzerpb.AnalyzeResponse): AnalyzeResult {
  return {
    diagnostics: res.getDiagnosticsList().map((d) => {
      const description = d.getDescription();
      const raw = d.getMessage();
      return {
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        description,
        message: raw.startsWith(description + "\n") ? raw.slice(description.length + 1) : raw,
        enforcementLevel: ENFORCEMENT_LEVELS[d.getEnforcementlevel()],
        severity: SEVERITIES[d.getSeverity()],
        urn: d.getUrn(),
      };
    }),
    notApplicable: res.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
  };
}
