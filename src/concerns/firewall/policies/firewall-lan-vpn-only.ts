import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { validateFirewallRule } from "./validateFirewallRule";

/** No configSchema: Home Assistant, SSH and the add-ons stay off the internet; remote access goes through the VPN. */
export const firewallLanVpnOnly: ResourceValidationPolicy = {
  ...checklistMetadata(
    "firewall-lan-vpn-only",
    "The nftables ruleset a step loads must accept Home Assistant, SSH and every service port only from the LAN or the VPN (SSH also from the admin's own networks); only a port a concern declares public may be open to anywhere.",
  ),
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: "Reach Home Assistant from outside through the VPN; list only private ranges in lanCidrs, and a VPS admin's own address in firewall.adminCidrs.",
  validateResource: validateFirewallRule("lan-vpn-only"),
};
