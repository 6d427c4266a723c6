import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readStep, type Step } from "../../../core/policy/readStep";
import { stepsByHost } from "../../../core/policy/stepsByHost";
import { evaluateLockdown, judgesPath, REQUIRED_LOCKDOWN_PATHS, type LockdownOptions } from "../evaluateLockdown";

/** The lockdown payload of a step: file and file-edit steps under the paths the lockdown judges. */
function payloadOf(step: Step): { path: string; kind: "file" | "file-edit"; host: string } | undefined {
  const m = step.manifest;
  if (m.kind === "file" || m.kind === "file-edit") return { path: m.path, kind: m.kind, host: m.host };
  return undefined;
}

/**
 * configSchema: a host may need a blacklisted module after all (e.g. udf to read a backup DVD); the owner
 * allows it here as well as in `lockdown.allowKernelModules`.
 */
export const hostLockdownBaseline: ResourceValidationPolicy & StackValidationPolicy = {
  ...checklistMetadata(
    "host-lockdown-baseline",
    "Every host must get the lockdown's files and edits (network and kernel sysctls, blacklisted kernel modules, no core dumps, umask and login.defs, su limited to the admin's group, sudo with a pty and a log, /dev/shm and /tmp mount options, cron and at allow lists, a persistent bounded journal, audit rules), and no step may weaken one of their settings.",
  ),
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Keep the lockdown concern's steps and their rendered content as they are; allow a needed kernel module in `lockdown.allowKernelModules` and in this policy's `allowedKernelModules` config, and never set a lockdown setting to a weaker value in another file.",
  configSchema: {
    properties: {
      allowedKernelModules: {
        type: "array",
        items: { type: "string", minLength: 1 },
        description: "Blacklisted kernel modules a host may load after all (set them in lockdown.allowKernelModules too).",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    const step = readStep(args.type, args.props);
    const p = step && payloadOf(step);
    if (!step || !p || !judgesPath(p.path)) return args.notApplicable("The resource writes no file the lockdown judges.");
    const options = (args.getConfig<LockdownOptions>() ?? {}) as LockdownOptions;
    for (const message of evaluateLockdown({ ...p, subject: `${p.host}:${p.path}`, content: step.readStdin() }, options)) reportViolation(message);
  },
  // Cross-resource: a host that lacks a lockdown file is not locked down, however good the others are.
  validateStack: (args, reportViolation) => {
    for (const [host, { urn, steps }] of stepsByHost(args.resources)) {
      const paths = new Set(steps.map((s) => payloadOf(s)?.path));
      const missing = REQUIRED_LOCKDOWN_PATHS.filter((path) => !paths.has(path));
      if (missing.length) reportViolation(`Host ${host} must get every lockdown file and edit; no step writes ${missing.join(", ")}.`, urn);
    }
  },
};
