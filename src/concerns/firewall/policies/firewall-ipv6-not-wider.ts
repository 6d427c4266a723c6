import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { validateFirewallRule } from "./validateFirewallRule";

/** No configSchema: a port closed over IPv4 but open over IPv6 is open. */
export const firewallIpv6NotWider: ResourceValidationPolicy = {
  ...checklistMetadata(
    "firewall-ipv6-not-wider",
    "The nftables ruleset a step loads must be one table inet for IPv4 and IPv6 and open no port wider to IPv6 than to IPv4.",
  ),
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: "Keep the firewall in one table inet and list the LAN's IPv6 prefixes in lanCidrs beside its IPv4 networks.",
  validateResource: validateFirewallRule("ipv6-not-wider"),
};
