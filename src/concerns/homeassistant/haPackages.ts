/** What rootless Podman needs on the host, each with its reason. */
export const HA_PACKAGES = [
  { name: "podman", reason: "runs the Home Assistant image rootless, as the homeassistant user, without a root daemon" },
  { name: "uidmap", reason: "newuidmap/newgidmap: rootless podman maps the user's subordinate ID ranges with them" },
  { name: "fuse-overlayfs", reason: "container storage where the kernel refuses native overlay to an unprivileged user" },
  { name: "passt", reason: "pasta, the user-mode network podman checks for even when a container uses the host's" },
  { name: "crun", reason: "the OCI runtime Debian's podman prefers; it keeps the user's groups for radio sticks" },
  { name: "catatonit", reason: "the init podman runs as PID 1 of a container started with --init" },
  { name: "dbus-user-session", reason: "a user bus for the user's systemd, which manages the container's cgroup" },
] as const;

/** Subordinate IDs for the container: 65536 (a full ID space), above the ranges useradd hands out. */
export const SUBORDINATE_RANGE = { start: 524288, count: 65536 } as const;
