import { decodeManifest, type StepManifest } from "../stepManifest";
import { REMOTE_COMMAND } from "./remoteTypes";

/** A remote command step as the pack sees it: its manifest and payload. */
export interface Step {
  manifest: StepManifest;
  /**
   * The payload on stdin ("" when none), read only when a policy needs it: an unknown stdin of an
   * unrelated step (a script fed from another resource's output) must not stop every policy.
   */
  readStdin(): string;
  /** The create script. */
  create: string;
}

/**
 * Reads the step a `command:remote:Command` carries; undefined for other resources and for commands
 * without a manifest. Reading goes through @pulumi/policy's unknown-checking proxy: an unknown
 * `create` (or `stdin`, once read) throws UnknownValueError, which the pack reports as "can't run
 * during preview" — never caught here, so an unknown never passes.
 */
export function readStep(type: string, props: Record<string, unknown>): Step | undefined {
  if (type !== REMOTE_COMMAND) return undefined;
  const create = props.create;
  const manifest = decodeManifest(create);
  if (!manifest) return undefined;
  return {
    manifest,
    create: create as string,
    readStdin: () => {
      const stdin = props.stdin;
      return typeof stdin === "string" ? stdin : "";
    },
  };
}
