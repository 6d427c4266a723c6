/**
 * The sshd change's safety net: a transient systemd timer restores the previous drop-in unless a NEW login
 * disarms it first.
 */
export const SSHD_ROLLBACK = {
  /** systemd-run unit name. */
  unit: "ha-hardened-host-sshd-rollback",
  /** Seconds before it fires: the next step's new login normally disarms it within seconds. */
  seconds: 120,
} as const;
