import { shellQuote } from "../../core/remoteScript";
import { HA_PATHS } from "../../concerns/homeassistant/haPaths";

/**
 * A root shell script for a lab guest on a cgroup v1 controller (the guest inherits its hierarchy): rootless Podman
 * cannot create cgroups there, and the product's unit asks for them (--cgroups=split), so the lab adds a drop-in
 * that runs the container without its own cgroups: a Quadlet drop-in where the guest's Podman has Quadlet, else a
 * drop-in for the plain user unit whose ExecStart is the installed unit's own line with that one flag changed (read
 * at each start, so it follows the product's unit). A real Debian, Raspberry Pi OS or Ubuntu host has cgroup v2 and
 * never gets this file. Prints what it did.
 */
export function labCgroupV1DropIn(quadlet: boolean, user = HA_PATHS.user): string {
  const u = shellQuote(user);
  const plainUnit = `${HA_PATHS.userUnitDir}/${HA_PATHS.unit}.service`;
  const dropIn = quadlet
    ? [
        `d=${HA_PATHS.quadletUsersDir}/$(id -u ${u})/${HA_PATHS.unit}.container.d`,
        'install -d -m 0755 "$d"',
        `printf '[Container]\\nPodmanArgs=--cgroups=disabled\\n' > "$d/10-lab-cgroup-v1.conf"`,
      ]
    : [
        `d=${plainUnit}.d`,
        'install -d -m 0755 "$d"',
        // systemd keeps "$$" as one "$"; sh then runs the unit's own ExecStart line with the flag changed.
        `printf '%s\\n' '[Service]' 'ExecStart=' 'ExecStart=/bin/sh -c '"'"'exec $$(sed -n "s/^ExecStart=//p" ${plainUnit} | sed "s/--cgroups=split/--cgroups=disabled/")'"'"'' > "$d/10-lab-cgroup-v1.conf"`,
      ];
  return [
    "set -eu",
    `if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then echo "cgroup v2: no drop-in"; exit 0; fi`,
    ...dropIn,
    'chmod 0644 "$d/10-lab-cgroup-v1.conf"',
    'echo "cgroup v1: $d/10-lab-cgroup-v1.conf"',
  ].join("\n");
}
