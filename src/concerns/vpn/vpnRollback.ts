/**
 * The WireGuard change's safety net (the admin may manage the host over the tunnel): a transient timer restores
 * the previous config unless a NEW login confirms the change.
 */
export const VPN_ROLLBACK = {
  /** systemd-run unit name. */
  unit: "ha-hardened-host-vpn-rollback",
  /** Seconds before it fires: the final login proof normally confirms within seconds. */
  seconds: 120,
} as const;
