import { shellQuote } from "../../core/remoteScript";

/**
 * A shell command running `podman ARGS` rootless as `user` from a root shell: in the user's own runtime dir (its
 * linger session), from / (the user may not read the caller's working directory).
 */
export function rootlessPodman(user: string, args: readonly string[]): string {
  const u = shellQuote(user);
  return `cd / && runuser -u ${u} -- env XDG_RUNTIME_DIR=/run/user/$(id -u ${u}) podman ${args.map(shellQuote).join(" ")}`;
}
