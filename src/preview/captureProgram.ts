import { PROJECT_NAME } from "../core/configKey";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { CapturedResource } from "./capturedResource";
import { StackFileConfig } from "./readStackFile";

// Internal SDK entry points (marked @internal, so absent from the typings) that the mock runtime is built on.
/* eslint-disable @typescript-eslint/no-var-requires */
const settings: {
  setMockOptions(monitor: unknown, project: string, stack: string, preview: boolean): void;
  waitForRPCs(): Promise<void>;
} = require("@pulumi/pulumi/runtime/settings");
const { getStore }: { getStore(): Record<string, unknown> } = require("@pulumi/pulumi/runtime/state");


/** What the engine would hand back for a resource: its inputs as state, plus the provider's own outputs. */
class OfflineMocks implements pulumi.runtime.Mocks {
  constructor(private readonly preview: boolean) {}
  newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
    // During a preview the command's outputs are unknown (absent from the state); after `up` they exist.
    const outputs = this.preview || args.type !== "command:remote:Command" ? {} : { stdout: "", stderr: "" };
    return { id: this.preview ? "" : `${args.name}-id`, state: { ...args.inputs, ...outputs } };
  }
  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    throw new Error(`the offline preview cannot answer the function call ${args.token}`);
  }
}

/**
 * The SDK's mock monitor, extended to keep what the engine would see of each registration:
 * the raw RegisterResourceRequest carries parent, dependencies and options that mocks do not get.
 */
class CapturingMonitor extends MockMonitor {
  readonly captured: CapturedResource[] = [];

  async registerResource(req: any, callback: (err: any, res: any) => void): Promise<void> {
    const type: string = req.getType();
    const name: string = req.getName();
    const parent: string = req.getParent();
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
      propertyDependencies[key] = deps.getUrnsList();
    });
    const raw = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
    const inputs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (!k.startsWith("__")) inputs[k] = v; // the engine marshals with SkipInternalKeys
    }
    this.captured.push({
      urn: (this as any).newUrn(parent, type, name),
      type,
      name,
      custom: req.getCustom(),
      parent: parent || undefined,
      dependencies: req.getDependenciesList(),
      propertyDependencies,
      inputs,
      ignoreChanges: req.getIgnorechangesList(),
      replaceOnChanges: req.getReplaceonchangesList(),
      deleteBeforeReplace: req.getDeletebeforereplace(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      provider: req.getProvider() || undefined,
    });
    return super.registerResource(req, callback);
  }
}

export interface CaptureOptions {
  stack: string;
  config: StackFileConfig;
  /** true: outputs of commands are unknown, as in `pulumi preview`. */
  preview: boolean;
  /** The program to run; it registers resources and returns the stack outputs. */
  program: () => unknown;
}

/** What a capture saw: every registration, and the program's own result or the error it threw. */
export interface CaptureOutcome {
  resources: CapturedResource[];
  result?: unknown;
  /** Set when the program threw (a bad config, say); the registrations made before it are still listed. */
  failed?: { error: unknown };
}

/**
 * Runs the Pulumi program under the SDK's mock runtime, with the stack's config as the CLI would pass it,
 * and returns every resource it registered, in registration order. One capture per process: the SDK's
 * runtime state is global.
 */
export async function captureRegistrations(opts: CaptureOptions): Promise<CaptureOutcome> {
  const mocks = new OfflineMocks(opts.preview);
  await pulumi.runtime.setMocks(mocks, PROJECT_NAME, opts.stack, opts.preview);
  const monitor = new CapturingMonitor(mocks);
  // setMockOptions resets the store's feature flags: keep the ones setMocks established.
  const store = getStore();
  const flags = Object.fromEntries(Object.entries(store).filter(([k]) => k.startsWith("supports")));
  settings.setMockOptions(monitor, PROJECT_NAME, opts.stack, opts.preview);
  Object.assign(getStore(), flags);
  pulumi.runtime.setAllConfig(opts.config.config, opts.config.secretKeys);
  // A program that throws (bad config) must surface here once, not also as the Stack resource's
  // unhandled rejection: keep the error, let the Stack finish empty, then report it.
  const outcome: CaptureOutcome = { resources: monitor.captured };
  // The SDK stores `new Error().stack` on every promise it tracks, only to describe leaks at exit; with a
  // few hundred resources that is half the capture time. Errors here are reported by message, so the
  // traces are off while the program runs.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    await runInPulumiStack(async () => {
      try {
        outcome.result = await opts.program();
        return outcome.result;
      } catch (error) {
        outcome.failed = { error };
        return {};
      }
    });
    await settings.waitForRPCs();
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return outcome;
}

/** captureRegistrations for callers that only go on when the program succeeded: its error is thrown. */
export async function captureProgram(opts: CaptureOptions): Promise<CapturedResource[]> {
  const outcome = await captureRegistrations(opts);
  if (outcome.failed) throw outcome.failed.error;
  return outcome.resources;
}
