import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readStep } from "../../../core/policy/readStep";
import { wireguardConfigPayload } from "./wireguardConfigPayload";

/** A WireGuard key, as it would appear if one reached the command line. */
const KEY_ON_COMMAND_LINE = /(PrivateKey|PresharedKey)\s*=|[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=/;
const SECRET_PARTS = ["stdin", "stdout", "stderr"];

/**
 * No configSchema: a WireGuard private key in the state file or a log is the host's VPN identity given away.
 * The pack cannot tell a secret from plain text (@pulumi/policy unwraps both), so it judges how the step
 * carries the config; plain-text keys in the stack config are refused by the config check before any step.
 */
export const vpnKeysSecret: ResourceValidationPolicy = {
  ...checklistMetadata(
    "vpn-keys-secret",
    "A step that puts a WireGuard config on the host must carry its private and preshared keys only on stdin, kept secret in state (stdin, stdout and stderr) and out of the log stream, never on the command line.",
  ),
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Set vpn.serverPrivateKey and every peer's privateKey and presharedKey with `pulumi config set --secret --path` (or `npm run vpn -- add-peer`), and deliver the config with a step whose stdin is secret.",
  validateResource: (args, reportViolation) => {
    const step = readStep(args.type, args.props);
    const payload = step && wireguardConfigPayload(step);
    if (!payload) return args.notApplicable("The resource puts no WireGuard config on a host.");
    const secretOutputs = args.opts.additionalSecretOutputs ?? [];
    const missing = SECRET_PARTS.filter((p) => !secretOutputs.includes(p));
    if (missing.length) reportViolation(`${payload.subject} must be delivered by a step whose ${missing.join(", ")} stay secret in state; ${args.name} leaves them in plain text.`);
    if (args.props.logging !== "none") reportViolation(`${payload.subject} must be delivered by a step that streams no log (logging: none); ${args.name} streams ${String(args.props.logging ?? "stdout and stderr")}.`);
    if (KEY_ON_COMMAND_LINE.test(step.create)) reportViolation(`${payload.subject} must travel on stdin; ${args.name} has a WireGuard key on its command line.`);
  },
};
