import type { HostConfig } from "../../config/schema";
import { ROUTER_ADVERTISEMENT_KEYS, SYSCTL_SETTINGS } from "./sysctlSettings";

/** The /etc/sysctl.d file: every setting with its reason and source, IPv6 router advertisements as configured. */
export function renderSysctl(host: HostConfig): string {
  const ra = host.lockdown.ipv6RouterAdvertisements === "accept" ? "1" : "0";
  return [
    "# ha-hardened-host: managed file, changes are overwritten by the next pulumi up",
    "# IP forwarding is left alone: the WireGuard VPN (wg0) forwards.",
    ...SYSCTL_SETTINGS.map((s) => `# ${s.reason} (${s.source})\n${s.key} = ${s.value}`),
    `# IPv6 router advertisements ${ra === "1" ? "accepted: the address and route come by SLAAC" : "ignored: static IPv6 or none"} (lockdown.ipv6RouterAdvertisements; CIS Debian 3.3.9)`,
    ...ROUTER_ADVERTISEMENT_KEYS.map((k) => `${k} = ${ra}`),
    "",
  ].join("\n");
}
