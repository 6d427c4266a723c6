import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";

/**
 * Test double for the Pulumi engine: the SDK's MockMonitor, plus a record of each raw RegisterResourceRequest
 * (parent, dependencies, options and inputs in wire form: secrets as signature objects) that `Mocks` never sees.
 */
export interface RecordedRegistration {
  type: string;
  name: string;
  parent: string;
  dependencies: string[];
  ignoreChanges: string[];
  additionalSecretOutputs: string[];
  /** Inputs as the engine receives them (secret sig objects, unknown sentinel). */
  wireInputs: Record<string, any>;
  urn: string;
}

// Internal SDK entry points the mock runtime is built on (marked @internal, absent from the typings).
/* eslint-disable @typescript-eslint/no-var-requires */
const settings: { setMockOptions(m: unknown, project: string, stack: string, preview: boolean): void; waitForRPCs(): Promise<void> } =
  require("@pulumi/pulumi/runtime/settings");
const { getStore }: { getStore(): Record<string, unknown> } = require("@pulumi/pulumi/runtime/state");

export class RecordingMonitor extends MockMonitor {
  readonly registrations: RecordedRegistration[] = [];

  async registerResource(req: any, callback: (err: any, res: any) => void): Promise<void> {
    const type = req.getType();
    const name = req.getName();
    const parent = req.getParent();
    this.registrations.push({
      type,
      name,
      parent,
      dependencies: req.getDependenciesList(),
      ignoreChanges: req.getIgnorechangesList(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      wireInputs: (req.getObject()?.toJavaScript() ?? {}) as Record<string, any>,
      urn: (this as any).newUrn(parent, type, name),
    });
    return super.registerResource(req, callback);
  }
}

/** Echoes inputs as state, as the engine does for a resource whose provider adds nothing. */
class EchoMocks implements pulumi.runtime.Mocks {
  newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
    return { id: `${args.name}-id`, state: { ...args.inputs, stdout: "", stderr: "" } };
  }
  call(): Record<string, unknown> {
    return {};
  }
}

/**
 * Installs a RecordingMonitor as the runtime's engine (keeping setMocks' feature flags: secrets on) with the
 * given config, runs `program`, waits for every registration, and returns them with the program's result/error.
 */
export async function recordProgram<T>(
  program: () => T,
  opts: { config: Record<string, string>; secretKeys: string[]; preview?: boolean },
): Promise<{ registrations: RecordedRegistration[]; result?: T; error?: unknown }> {
  const mocks = new EchoMocks();
  await pulumi.runtime.setMocks(mocks, "ha-hardened-host", "test", opts.preview ?? false);
  const flags = Object.fromEntries(Object.entries(getStore()).filter(([k]) => k.startsWith("supports")));
  const monitor = new RecordingMonitor(mocks);
  settings.setMockOptions(monitor, "ha-hardened-host", "test", opts.preview ?? false);
  Object.assign(getStore(), flags);
  pulumi.runtime.setAllConfig(opts.config, opts.secretKeys);
  let result: T | undefined;
  let error: unknown;
  try {
    result = program();
  } catch (e) {
    error = e;
  }
  await settings.waitForRPCs();
  return { registrations: monitor.registrations, result, error };
}

/** Resolves an Output's value and whether it is secret/known, through the SDK's own promise internals. */
export async function inspectOutput<T>(o: pulumi.Output<T>): Promise<{ value: T; secret: boolean; known: boolean }> {
  const anyO = o as any;
  return { value: await anyO.promise(), secret: await anyO.isSecret, known: await anyO.isKnown };
}
