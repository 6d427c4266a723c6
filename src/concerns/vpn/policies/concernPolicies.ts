import type { ResourceValidationPolicy } from "@pulumi/policy";
import { vpnKeysSecret } from "./vpn-keys-secret";
import { vpnPeerAllowedIpsHostRoutes } from "./vpn-peer-allowed-ips-host-routes";

/** The vpn concern's policies: they judge the WireGuard config a step puts on the host, and how it travels. */
export const concernPolicies: ResourceValidationPolicy[] = [vpnPeerAllowedIpsHostRoutes, vpnKeysSecret];
