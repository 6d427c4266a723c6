/** The firewall change's safety net: a transient timer restores the previous table unless a NEW login confirms. */
export const FIREWALL_ROLLBACK = {
  /** systemd-run unit name. */
  unit: "ha-hardened-host-firewall-rollback",
  /** Seconds before it fires: the next step's new login normally confirms within seconds. */
  seconds: 60,
} as const;
