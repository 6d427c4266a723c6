import { randomBytes } from "crypto";
import { CapturedResource } from "../../preview/capturedResource";
import { decodeManifest } from "../../host/stepManifest";
import { ApplyState, readApplyState, StoredResource, writeApplyState } from "./applyState";
import { customDependencies, Goal, PlannedStep, planApply } from "./planApply";
import { HOST_PATHS } from "../../host/hostPaths";
import { dial, execCommand, HostKeyMismatchError, RemoteConnection, RunResult, sftpWriteText, toRemoteConnection } from "./remoteCommand";
import { scrubText } from "./scrubText";
import { canonicalJson, SecretVault } from "./wireValue";

/** What executes a step's remote work; the default dials SSH. Tests may pass another (say what it stands for). */
export interface RemoteRunner {
  run(conn: RemoteConnection, cmd: string, opts: { stdin?: string; env?: Record<string, string>; signal?: AbortSignal }): Promise<RunResult>;
  copyText(conn: RemoteConnection, remotePath: string, content: string | Buffer, signal?: AbortSignal): Promise<void>;
}

/** Dials a fresh connection for every command, as commandOutputs.go run() does, and closes it after. */
export function sshRunner(log: (line: string) => void): RemoteRunner {
  return {
    async run(conn, cmd, opts) {
      const client = await dial(conn, log);
      try {
        return await execCommand(client, cmd, opts);
      } finally {
        client.end();
      }
    },
    async copyText(conn, remotePath, content) {
      const client = await dial(conn, log);
      try {
        await sftpWriteText(client, remotePath, content);
      } finally {
        client.end();
      }
    },
  };
}

export interface ApplyOptions {
  stack: string;
  captured: CapturedResource[];
  statePath: string;
  /** Plaintext secrets known to this run besides the program's (e.g. the lab's keys), to resolve stored hashes. */
  extraSecrets?: unknown[];
  log?: (line: string) => void;
  runner?: RemoteRunner;
  /** Aborting stops the running command's channel and schedules nothing more (the state keeps what finished). */
  signal?: AbortSignal;
}

export type StepOp = "create" | "update" | "replace" | "delete" | "same";

export interface StepRecord {
  op: StepOp;
  name: string;
  ms: number;
  /** Remote commands (exec or copy) this step ran. */
  commands: number;
}

export interface ApplySummary {
  ok: boolean;
  steps: StepRecord[];
  commandsRun: number;
  ms: number;
  error?: string;
}

/** A failed step; the message names host, resource, exit code, scrubbed stderr tail and the fix. */
export class StepFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StepFailedError";
  }
}

function describeStep(res: { name: string }, inputs: Record<string, unknown>): string {
  const m = decodeManifest(inputs.create);
  if (!m) return res.name;
  const what = "path" in m ? m.path : "purpose" in m ? m.purpose : "name" in m ? m.name : m.kind;
  return `${res.name} (${m.kind}${what && what !== m.kind ? ` ${what}` : ""})`;
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)}s` : `${ms}ms`;
}

/**
 * Replays the captured program onto its hosts with @pulumi/command 1.2.1 semantics and keeps a state file
 * between runs. Steps run one at a time in dependency order (a valid serialisation of Pulumi's parallel walk);
 * after a failure nothing new is scheduled, like the engine, so the deletes at the end do not run either.
 */
export async function runApply(opts: ApplyOptions): Promise<ApplySummary> {
  const log = opts.log ?? ((l: string) => process.stdout.write(l + "\n"));
  const runner = opts.runner ?? sshRunner(log);
  const started = Date.now();
  const state: ApplyState = readApplyState(opts.statePath, opts.stack);
  const vault = new SecretVault(state.salt);
  for (const r of opts.captured) vault.addWire(r.inputs);
  for (const s of opts.extraSecrets ?? []) vault.addWire({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: s });
  const secrets = vault.secretStrings();
  const plan = planApply(opts.captured, state, vault);
  // Like Pulumi's pending operations: an earlier run died inside these steps; what they did on the host is unknown,
  // and the plan simply runs them again (a create that did not finish stored nothing).
  const interrupted = state.pendingOperations ?? [];
  for (const p of interrupted) {
    log(`  warning: the previous apply was interrupted during ${p.op} of ${p.urn.split("::").pop()} (started ${p.startedAt}); it runs again`);
  }
  state.pendingOperations = [];
  const records: StepRecord[] = [];
  let commandsRun = 0;
  const save = (): void => writeApplyState(opts.statePath, state);

  const runCommand = async (name: string, inputs: Record<string, unknown>, cmd: string, prevOutputs?: StoredResource["outputs"]): Promise<RunResult> => {
    const conn = toRemoteConnection(inputs.connection, name);
    const env: Record<string, string> = { ...((inputs.environment as Record<string, string>) ?? {}) };
    if (inputs.addPreviousOutputInEnv !== false && prevOutputs) {
      if (prevOutputs.stdout) env.PULUMI_COMMAND_STDOUT = prevOutputs.stdout;
      if (prevOutputs.stderr) env.PULUMI_COMMAND_STDERR = prevOutputs.stderr;
    }
    commandsRun++;
    let result: RunResult;
    try {
      result = await runner.run(conn, cmd, { stdin: typeof inputs.stdin === "string" ? inputs.stdin : undefined, env, signal: opts.signal });
    } catch (e) {
      const hint =
        e instanceof HostKeyMismatchError && interrupted.length > 0
          ? `\n  The previous apply was interrupted during ${interrupted.map((p) => `${p.op} of ${p.urn.split("::").pop()}`).join(", ")}: the host may be half-way through a host key change. If that step armed an sshd rollback, wait for it to restore the previous config (ha-hardened-host: ${HOST_PATHS.rollbackSeconds} s) and apply again.`
          : "";
      throw new StepFailedError(`host ${conn.host}: resource ${describeStep({ name }, inputs)} could not run: ${scrubText((e as Error).message, secrets, 4)}${hint}`);
    }
    if (result.exitCode !== 0) {
      const tail = scrubText(result.stderr || result.stdout, secrets);
      const status = result.exitCode === null ? `ended without an exit status${result.signal ? ` (signal ${result.signal})` : ""}` : `exited with code ${result.exitCode}`;
      throw new StepFailedError(
        `host ${conn.host}: resource ${describeStep({ name }, inputs)} failed: its command ${status}.\n` +
          (tail ? tail.split("\n").map((l) => `    | ${l}`).join("\n") + "\n" : "") +
          `  Fix the cause on the host or in the stack, then apply again (a failed step stores nothing and runs again).`,
      );
    }
    return result;
  };

  const keepOutputs = (inputs: Record<string, unknown>, r?: RunResult): StoredResource["outputs"] =>
    inputs.addPreviousOutputInEnv !== false && r ? { stdout: r.stdout, stderr: r.stderr } : undefined;

  /** create (or update when `old` is given) of one resource; returns its new stored record. */
  const createOrUpdate = async (goal: Goal, old?: StoredResource): Promise<{ rec: StoredResource; commands: number }> => {
    const { res, plain } = goal;
    let result: RunResult | undefined;
    let commands = 0;
    if (res.type === "command:remote:Command") {
      const cmd = old ? ((plain.update as string | undefined) ?? (plain.create as string | undefined)) : (plain.create as string | undefined);
      if (cmd !== undefined) {
        result = await runCommand(res.name, plain, cmd, old?.outputs);
        commands++;
      }
    } else {
      const changedSource = !old || canonicalJson(old.inputs.source) !== canonicalJson(goal.stored.source) || old.inputs.remotePath !== goal.stored.remotePath;
      if (changedSource) {
        await copyToRemote(res.name, plain);
        commands++;
      }
    }
    const rec: StoredResource = {
      urn: res.urn,
      type: res.type,
      id: old?.id ?? `${res.name}-${randomBytes(4).toString("hex")}`,
      inputs: goal.stored,
      dependencies: customDependencies(res, opts.captured),
      parent: res.parent,
      outputs: res.type === "command:remote:Command" ? (result ? keepOutputs(plain, result) : old?.outputs) : undefined,
      deleteInputs: res.type === "command:remote:Command" && typeof plain.delete === "string" ? plain : undefined,
    };
    return { rec, commands };
  };

  const copyToRemote = async (name: string, plain: Record<string, unknown>): Promise<void> => {
    const conn = toRemoteConnection(plain.connection, name);
    const source = plain.source as Record<string, unknown> | undefined;
    const remotePath = plain.remotePath as string;
    let content: string | Buffer;
    if (source && typeof source.text === "string") content = source.text;
    else if (source && typeof source.path === "string") content = require("fs").readFileSync(source.path);
    else throw new StepFailedError(`resource ${name}: the lab apply copies text and file assets only (not archives)`);
    commandsRun++;
    try {
      await runner.copyText(conn, remotePath, content, opts.signal);
    } catch (e) {
      throw new StepFailedError(`host ${conn.host}: resource ${name} could not copy to ${remotePath}: ${scrubText((e as Error).message, secrets, 4)}`);
    }
  };

  const runDelete = async (old: StoredResource): Promise<number> => {
    const name = old.urn.split("::").pop() ?? old.urn;
    if (old.type !== "command:remote:Command" || old.inputs.delete === undefined || old.inputs.delete === null) return 0;
    // commandController.go Delete: runs with the OLD state (old connection, stdin and outputs).
    const plain = old.deleteInputs ?? (vault.resolve(old.inputs, name) as Record<string, unknown>);
    await runCommand(name, plain, plain.delete as string, old.outputs);
    return 1;
  };

  const upsert = (rec: StoredResource): void => {
    const i = state.resources.findIndex((r) => r.urn === rec.urn);
    if (i >= 0) state.resources[i] = rec;
    else state.resources.push(rec);
  };
  const drop = (urn: string): void => {
    state.resources = state.resources.filter((r) => r.urn !== urn);
  };

  let error: string | undefined;
  for (const step of plan) {
    if (opts.signal?.aborted) {
      error = "aborted before all steps ran";
      break;
    }
    const t0 = Date.now();
    let commands = 0;
    const name = step.op === "delete" ? (step.old.urn.split("::").pop() ?? step.old.urn) : step.goal.res.name;
    if (step.op !== "same") {
      state.pendingOperations = [{ urn: step.op === "delete" ? step.old.urn : step.goal.res.urn, op: step.op, startedAt: new Date(t0).toISOString() }];
      save();
    }
    try {
      switch (step.op) {
        case "same":
          upsert({ ...step.old, inputs: step.goal.stored, deleteInputs: typeof step.goal.plain.delete === "string" ? step.goal.plain : undefined, dependencies: customDependencies(step.goal.res, opts.captured), parent: step.goal.res.parent });
          break;
        case "create": {
          const r = await createOrUpdate(step.goal);
          commands += r.commands;
          drop(r.rec.urn);
          state.resources.push(r.rec);
          break;
        }
        case "update": {
          const r = await createOrUpdate(step.goal, step.old);
          commands += r.commands;
          upsert(r.rec);
          break;
        }
        case "replace": {
          if (step.deleteBeforeReplace) {
            commands += await runDelete(step.old);
            drop(step.old.urn);
            save();
          }
          const r = await createOrUpdate(step.goal);
          commands += r.commands;
          drop(r.rec.urn);
          state.resources.push(r.rec);
          // Create-before-delete (the provider sets no DeleteBeforeReplace): the original is deleted at the end.
          if (!step.deleteBeforeReplace) state.pendingDeletes.push(step.old);
          break;
        }
        case "delete": {
          commands += await runDelete(step.old);
          if (step.reason === "removed") drop(step.old.urn);
          else state.pendingDeletes = state.pendingDeletes.filter((p) => !(p.urn === step.old.urn && p.id === step.old.id));
          break;
        }
      }
      state.pendingOperations = [];
      if (step.op !== "same" || plan.indexOf(step) === plan.length - 1) save();
    } catch (e) {
      state.pendingOperations = [];
      error = (e as Error).message;
      log(`  ${step.op.padEnd(9)} ${name}  FAILED after ${fmtMs(Date.now() - t0)}`);
      break;
    }
    const ms = Date.now() - t0;
    records.push({ op: step.op, name, ms, commands });
    log(`  ${(step.op === "same" ? "unchanged" : step.op).padEnd(9)} ${name}${step.op === "same" ? "" : `  ${fmtMs(ms)}`}`);
  }
  save();
  return { ok: error === undefined, steps: records, commandsRun, ms: Date.now() - started, error };
}

export function summarize(s: ApplySummary): string {
  const count = (op: StepOp): number => s.steps.filter((r) => r.op === op).length;
  return `${s.ok ? "apply done" : "apply FAILED"}: ${count("create")} created, ${count("update")} updated, ${count("replace")} replaced, ${count("delete")} deleted, ${count("same")} unchanged; ${s.commandsRun} remote command(s) in ${fmtMs(s.ms)}`;
}

export type { PlannedStep };
