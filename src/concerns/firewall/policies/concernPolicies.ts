import type { ResourceValidationPolicy } from "@pulumi/policy";
import { firewallInputDefaultDeny } from "./firewall-input-default-deny";
import { firewallIpv6NotWider } from "./firewall-ipv6-not-wider";
import { firewallLanVpnOnly } from "./firewall-lan-vpn-only";

/** The firewall concern's policies: they judge the ruleset a step loads on the host. */
export const concernPolicies: ResourceValidationPolicy[] = [firewallInputDefaultDeny, firewallLanVpnOnly, firewallIpv6NotWider];
