import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { validateFirewallRule } from "./validateFirewallRule";

/** No configSchema: a host firewall that lets in what nobody named has no legitimate use. */
export const firewallInputDefaultDeny: ResourceValidationPolicy = {
  ...checklistMetadata(
    "firewall-input-default-deny",
    "The nftables ruleset a step loads must drop by default on input and forward, accept no packet unconditionally, and forward only the VPN's clients to the LAN.",
  ),
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: "Keep the firewall concern's rendered ruleset: policy drop on the input and forward chains, each opening declared by the concern that listens on it.",
  validateResource: validateFirewallRule("default-deny"),
};
