import * as pulumi from "@pulumi/pulumi";
import { captureRegistrations } from "../../src/preview/captureProgram";

/**
 * A program's registrations as the engine sees them: each raw RegisterResourceRequest (parent, dependencies,
 * options and inputs in wire form: secrets as signature objects) that `Mocks` never sees.
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

/**
 * Runs `program` under the product's own mock-runtime capture (a MockMonitor subclass, see
 * src/preview/captureProgram.ts) with the given config, and returns what the program registered (the
 * engine's root Stack resource left out), with the program's result or error.
 */
export async function recordProgram<T>(
  program: () => T,
  opts: { config: Record<string, string>; secretKeys: string[]; preview?: boolean },
): Promise<{ registrations: RecordedRegistration[]; result?: T; error?: unknown }> {
  const outcome = await captureRegistrations({
    stack: "test",
    preview: opts.preview ?? false,
    config: { config: opts.config, secretKeys: opts.secretKeys },
    program,
  });
  const registrations = outcome.resources
    .filter((r) => r.type !== "pulumi:pulumi:Stack")
    .map((r) => ({
      type: r.type,
      name: r.name,
      parent: r.parent ?? "",
      dependencies: r.dependencies,
      ignoreChanges: r.ignoreChanges,
      additionalSecretOutputs: r.additionalSecretOutputs,
      wireInputs: r.inputs as Record<string, any>,
      urn: r.urn,
    }));
  return { registrations, result: outcome.result as T | undefined, error: outcome.failed?.error };
}

/** Resolves an Output's value and whether it is secret/known, through the SDK's own promise internals. */
export async function inspectOutput<T>(o: pulumi.Output<T>): Promise<{ value: T; secret: boolean; known: boolean }> {
  const anyO = o as any;
  return { value: await anyO.promise(), secret: await anyO.isSecret, known: await anyO.isKnown };
}
