/** Every config default, as data: the value and the one-line reason it is the default. */
export interface ConfigDefault<T> {
  value: T;
  reason: string;
}

export const CONFIG_DEFAULTS = {
  sshPort: { value: 22, reason: "The port every freshly imaged box listens on; moving it hides nothing from a scanner." },
  os: { value: "debian-12", reason: "The base the project is tested on (the lab runs Debian 12)." },
  generation: { value: 1, reason: "The first hardware a host runs on; bump it to replay every step onto a rebuilt box." },
  bootstrapUser: { value: "root", reason: "A fresh Debian image is reached as root with a key; Raspberry Pi OS images name their own user." },
  lanCidrs: { value: [] as string[], reason: "SSH hardening does not depend on the LAN; only LAN-scoped rules use it." },
  allowTcpForwarding: { value: "local", reason: "The Securing checklist names an SSH tunnel to reach the UI, which needs local forwarding." },
  extraSettings: { value: {} as Record<string, string>, reason: "The baseline alone is the hardened configuration." },
  dialErrorLimit: { value: 10, reason: "@pulumi/command's own default: about 2.5 minutes of retries while a box boots." },
  bootstrapDialErrorLimit: {
    value: 40,
    reason: "Retries (100 ms x1.5, at most 5 s apart: about 160 s) outlast the 120 s sshd rollback, so a re-run after an apply interrupted mid host-key switch waits for the rollback instead of failing.",
  },
} satisfies Record<string, ConfigDefault<unknown>>;
