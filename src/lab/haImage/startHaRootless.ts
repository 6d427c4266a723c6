import { shellQuote } from "../../core/remoteScript";
import { GuestShell } from "./guestShell";
import { HA_MINIMAL_CONFIG } from "./haMinimalConfig";
import { rootlessPodman } from "../../concerns/homeassistant/rootlessPodman";

export interface HaRootlessOptions {
  user: string;
  /** The image reference, pinned by digest (name@sha256:…). */
  image: string;
  /** Host directory mounted at /config: created owned by `user`, 0750, with the minimal configuration if empty. */
  configDir: string;
  container?: string;
}

/** The podman run arguments: host network (HA listens on 8123 and sees the LAN), the user's own UID inside. */
export function haRunArgs(o: HaRootlessOptions): string[] {
  return ["run", "-d", "--replace", "--name", o.container ?? "homeassistant", "--network", "host", "--userns", "keep-id", "-v", `${o.configDir}:/config`, o.image];
}

/** Starts Home Assistant rootless as `user` from a root shell on the host; returns the container ID. */
export async function startHaRootless(shell: GuestShell, o: HaRootlessOptions): Promise<string> {
  const u = shellQuote(o.user);
  const dir = shellQuote(o.configDir);
  const script = [
    "set -eu",
    `install -d -o ${u} -g ${u} -m 0750 ${dir}`,
    `[ -e ${dir}/configuration.yaml ] || install -o ${u} -g ${u} -m 0640 /dev/stdin ${dir}/configuration.yaml`,
    rootlessPodman(o.user, haRunArgs(o)),
  ].join("\n");
  const r = await shell(script, { stdin: HA_MINIMAL_CONFIG, timeoutMs: 120_000 });
  const id = r.stdout.trim().split("\n").pop() ?? "";
  if (r.code !== 0 || !/^[0-9a-f]{64}$/.test(id)) {
    throw new Error(`podman run of ${o.image} as ${o.user} exited ${r.code}: ${r.stderr.trim().split("\n").slice(-4).join(" | ")}`);
  }
  return id;
}
