import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readStep } from "../../../core/policy/readStep";
import { secretDeliveryFindings } from "../../../core/policy/secretDeliveryFindings";
import { wireguardConfigPayload } from "./wireguardConfigPayload";

/** A WireGuard key, as it would appear if one reached the command line. */
const KEY_ON_COMMAND_LINE = /(PrivateKey|PresharedKey)\s*=|[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=/;

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
    for (const f of secretDeliveryFindings(payload.subject, { name: args.name, props: args.props, additionalSecretOutputs: args.opts.additionalSecretOutputs })) reportViolation(f);
    if (KEY_ON_COMMAND_LINE.test(step.create)) reportViolation(`${payload.subject} must travel on stdin; ${args.name} has a WireGuard key on its command line.`);
  },
};
