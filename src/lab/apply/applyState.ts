import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** One resource as the last successful step left it (inputs in stored form: secrets as salted hashes). */
export interface StoredResource {
  urn: string;
  type: string;
  id: string;
  inputs: Record<string, unknown>;
  dependencies: string[];
  parent?: string;
  /**
   * Plaintext inputs, kept ONLY for a resource with a `delete` command: commandController.go Delete runs with
   * the old state (connection, stdin), which may be gone from the program by then. Everything else keeps hashes.
   */
  deleteInputs?: Record<string, unknown>;
  /** stdout/stderr, kept only when the command asks for them again (addPreviousOutputInEnv not false). */
  outputs?: { stdout: string; stderr: string };
}

/**
 * The lab's stand-in for a Pulumi stack's checkpoint. `resources` in the order they were created;
 * `pendingDeletes` are replaced originals whose delete has not run yet (Pulumi keeps them as `delete: true`).
 */
export interface ApplyState {
  version: 1;
  stack: string;
  /** Random per state file: secret hashes cannot be looked up in a table made for another file. */
  salt: string;
  resources: StoredResource[];
  pendingDeletes: StoredResource[];
  /** Steps started and not finished: set before a step runs, cleared after (Pulumi's pending_operations). */
  pendingOperations?: { urn: string; op: string; startedAt: string }[];
}

export function emptyState(stack: string): ApplyState {
  return { version: 1, stack, salt: randomBytes(16).toString("hex"), resources: [], pendingDeletes: [] };
}

export function applyStatePath(stateDir: string, stack: string): string {
  return path.join(stateDir, `apply-state.${stack}.json`);
}

export function readApplyState(file: string, stack: string): ApplyState {
  if (!fs.existsSync(file)) return emptyState(stack);
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as ApplyState;
  if (parsed.version !== 1 || !Array.isArray(parsed.resources) || typeof parsed.salt !== "string") {
    throw new Error(`apply state ${file} is not a version-1 state file: remove it to start from a blank host`);
  }
  parsed.pendingDeletes ??= [];
  return parsed;
}

/** Atomic (write + rename), mode 0600: a kill mid-write leaves the previous state intact. */
export function writeApplyState(file: string, state: ApplyState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, "w", 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(state, null, 1) + "\n");
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
