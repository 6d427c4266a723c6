/** Where the firewall lands on a host. */
export const FIREWALL_PATHS = {
  /** The confirmed ruleset, loaded at boot. */
  ruleset: "/etc/nftables.d/ha-hardened-host.nft",
  /** Debian's boot-time nftables file (nftables.service); it gains one include line for the ruleset. */
  main: "/etc/nftables.conf",
} as const;
