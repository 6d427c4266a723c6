import type { HostConfig } from "../config/schema";
import type { HostSteps, LiveReadBack } from "../core/hostSteps";
import { publicKeyOf } from "../core/keyMaterial";
import { isOpaqueSecret } from "../core/opaqueSecret";
import { OS_TABLE } from "../core/osTable";
import { readOverSsh, SshRead, SshTarget } from "../core/readOverSsh";
import { remoteScript } from "../core/remoteScript";
import { concernParts } from "../concerns/registry";
import { adminStepName } from "./adminStepName";

/** What an `up` learned from one host before planning: the steps to run again, and what to tell the user. */
export interface LiveDrift {
  /** Admin-phase step name -> the differences found (never empty). */
  steps: Map<string, string[]>;
  messages: { level: "warn" | "info"; text: string }[];
}

export type SshReader = (target: SshTarget, command: string) => Promise<SshRead>;

/** Every concern's read-back for this host. */
export function liveReadBacks(host: HostConfig): LiveReadBack[] {
  const os = OS_TABLE[host.os];
  return concernParts<HostSteps<HostConfig>>("steps/hostSteps", "hostSteps")
    .map((c) => c.value.readBack?.(host, os))
    .filter((r): r is LiveReadBack => r !== undefined);
}

/**
 * Reads back what the host's concerns declare (over a NEW admin login pinned to the host's identity key; a box
 * not yet provisioned refuses it, which is no drift) and judges it against the stack.
 */
export async function readLiveDrift(host: HostConfig, read: SshReader = readOverSsh): Promise<LiveDrift> {
  const out: LiveDrift = { steps: new Map(), messages: [] };
  const reads = liveReadBacks(host);
  if (reads.length === 0 || isOpaqueSecret(host.automationKey) || isOpaqueSecret(host.hostKeys.ed25519)) return out;
  const target: SshTarget = { host: host.address, port: host.sshPort, user: host.admin.user, privateKey: host.automationKey, hostKey: publicKeyOf(host.hostKeys.ed25519) };
  for (const r of reads) {
    const step = adminStepName(host.name, r.step);
    const command = remoteScript({ manifest: { kind: "script", host: host.name, purpose: `read back ${r.what}` }, step: `${step} (read back)`, script: r.script, args: r.args, user: host.admin.user });
    const got = await read(target, command);
    const why = got.stderr.trim().split("\n").pop() ?? "";
    if (got.code === 255) {
      out.messages.push({ level: "info", text: `host ${host.name}: ${r.what} not read back: the admin login did not succeed (${why || "ssh exit 255"}); a host not provisioned yet has nothing to read` });
      continue;
    }
    if (got.code === 124) {
      out.messages.push({ level: "warn", text: `host ${host.name}: ${r.what} not read back: the host took the connection but gave no answer in time (${why}); drift was not checked` });
      continue;
    }
    if (got.code !== 0) {
      out.messages.push({ level: "warn", text: `host ${host.name}: reading back ${r.what} failed with exit code ${got.code} (${why}); drift was not checked` });
      continue;
    }
    let drift: string[] | undefined;
    try {
      drift = r.drift(got.stdout);
    } catch (e) {
      out.messages.push({ level: "warn", text: `host ${host.name}: ${r.what} read back as something unexpected (${(e as Error).message}); drift was not checked` });
      continue;
    }
    if (drift === undefined || drift.length === 0) continue;
    out.steps.set(r.step, drift);
    out.messages.push({ level: "warn", text: `host ${host.name}: ${r.what} differ from the stack: ${drift.join("; ")}; this up sets them again (step ${step})` });
  }
  return out;
}
