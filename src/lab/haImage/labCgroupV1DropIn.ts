import { shellQuote } from "../../core/remoteScript";
import { HA_PATHS } from "../../concerns/homeassistant/haPaths";

/**
 * A root shell script for a lab guest on a cgroup v1 controller (the guest inherits its hierarchy): rootless Podman
 * cannot create cgroups there, and Quadlet asks for them (--cgroups=split), so the lab adds a Quadlet drop-in that
 * runs the container without its own cgroups. A real Debian, Raspberry Pi OS or Ubuntu host has cgroup v2 and never
 * gets this file. Prints what it did.
 */
export function labCgroupV1DropIn(user = HA_PATHS.user): string {
  const u = shellQuote(user);
  return [
    "set -eu",
    `if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then echo "cgroup v2: no drop-in"; exit 0; fi`,
    `d=${HA_PATHS.quadletUsersDir}/$(id -u ${u})/${HA_PATHS.unit}.container.d`,
    'install -d -m 0755 "$d"',
    `printf '[Container]\\nPodmanArgs=--cgroups=disabled\\n' > "$d/10-lab-cgroup-v1.conf"`,
    'chmod 0644 "$d/10-lab-cgroup-v1.conf"',
    'echo "cgroup v1: $d/10-lab-cgroup-v1.conf"',
  ].join("\n");
}
