/** Where the firewall lands and its safety net: a transient timer restores the previous table unless a NEW login confirms. */
export const FIREWALL_ROLLBACK = {
  /** systemd-run unit name. */
  unit: "ha-hardened-host-firewall-rollback",
  /** Seconds before it fires: the next step's new login normally confirms within seconds. */
  seconds: 60,
} as const;

export const FIREWALL_PATHS = {
  /** The confirmed ruleset, loaded at boot. */
  ruleset: "/etc/nftables.d/ha-hardened-host.nft",
  /** Debian's boot-time nftables file (nftables.service); it gains one include line for the ruleset. */
  main: "/etc/nftables.conf",
} as const;
