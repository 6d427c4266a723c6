import { decodeManifest, type StepManifest } from "../src/host/stepManifest";
import { REMOTE_COMMAND } from "./remoteTypes";

/** A remote command step as the pack sees it: its manifest and payload. */
export interface Step {
  manifest: StepManifest;
  /** The payload on stdin ("" when none). */
  stdin: string;
  /** The create script. */
  create: string;
}

/**
 * Reads the step a `command:remote:Command` carries; undefined for other resources and for commands
 * without a manifest. Reading goes through @pulumi/policy's unknown-checking proxy: an unknown
 * `create` or `stdin` throws UnknownValueError, which the pack reports as "can't run during preview".
 */
export function readStep(type: string, props: Record<string, unknown>): Step | undefined {
  if (type !== REMOTE_COMMAND) return undefined;
  const create = props.create;
  const manifest = decodeManifest(create);
  if (!manifest) return undefined;
  const stdin = props.stdin;
  return { manifest, stdin: typeof stdin === "string" ? stdin : "", create: create as string };
}
