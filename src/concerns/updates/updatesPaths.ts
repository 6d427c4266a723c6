/** Where the updates concern puts things on a host. */
export const UPDATES_PATHS = {
  /** Sorts after the package's 20auto-upgrades and 50unattended-upgrades, so its values win over theirs. */
  aptConf: "/etc/apt/apt.conf.d/52ha-hardened-host-unattended-upgrades",
  /** Every file apt reads its configuration from, in lexical order. */
  aptConfDir: "/etc/apt/apt.conf.d/",
} as const;

