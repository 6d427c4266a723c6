import { asUserCommand } from "./asUserCommand";

/** A shell command running `podman ARGS` rootless as `user` from a root shell (podman then uses /var/tmp, its own). */
export function rootlessPodman(user: string, args: readonly string[]): string {
  return asUserCommand(user, "podman", args);
}
