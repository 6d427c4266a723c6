import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readStep } from "../../../core/policy/readStep";
import { evaluatePeerAllowedIps } from "../evaluatePeerAllowedIps";
import { wireguardConfigPayload } from "./wireguardConfigPayload";

/** No configSchema: a peer that claims a network can impersonate every address in it, with no legitimate use on this host. */
export const vpnPeerAllowedIpsHostRoutes: ResourceValidationPolicy = {
  ...checklistMetadata(
    "vpn-peer-allowed-ips-host-routes",
    "The WireGuard config a step puts on the host must give each peer only host routes in AllowedIPs (an IPv4 /32 and an IPv6 /128), never 0.0.0.0/0, ::/0 or a network, so one device can never speak for another address.",
  ),
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: "Give each device its own `id` under vpn.peers: the host then allows exactly its /32 and /128; a device that must reach the LAN uses vpn.forwardToLan instead.",
  validateResource: (args, reportViolation) => {
    const step = readStep(args.type, args.props);
    const payload = step && wireguardConfigPayload(step);
    if (!payload) return args.notApplicable("The resource puts no WireGuard config on a host.");
    for (const finding of evaluatePeerAllowedIps(payload.subject, payload.readText())) reportViolation(finding);
  },
};
