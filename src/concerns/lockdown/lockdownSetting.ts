/** One hardening setting as data: what is set, why, and the guidance it comes from. */
export interface LockdownSetting {
  key: string;
  value: string;
  reason: string;
  /** CIS Debian, the Securing Debian manual, dev-sec, or the Lynis test id. */
  source: string;
}
