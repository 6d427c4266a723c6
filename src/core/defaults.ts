/** A config default, as data: the value and the one-line reason it is the default. */
export interface ConfigDefault<T> {
  value: T;
  reason: string;
}

/** The defaults of the host-level settings; each concern keeps its own beside its config slice. */
export const HOST_DEFAULTS = {
  os: { value: "debian-13", reason: "Debian's current stable release, the one a new box gets today; the lab boots it by default." },
  generation: { value: 1, reason: "The first hardware a host runs on; bump it to replay every step onto a rebuilt box." },
  lanCidrs: { value: [] as string[], reason: "No network is assumed to be home: the firewall opens its LAN-only ports to the networks you name." },
} satisfies Record<string, ConfigDefault<unknown>>;
