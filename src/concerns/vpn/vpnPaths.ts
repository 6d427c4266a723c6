/** Where the vpn concern puts things on a host, as data. */
export const VPN_PATHS = {
  interface: "wg0",
  config: "/etc/wireguard/wg0.conf",
  /** Only when forwardToLan: its own file, so another concern's sysctl drop-in never has to allow forwarding. */
  forwardingSysctl: "/etc/sysctl.d/60-ha-hardened-host-vpn.conf",
  unit: "wg-quick@wg0",
} as const;
