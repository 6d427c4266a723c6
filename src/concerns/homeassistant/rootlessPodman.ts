import { shellQuote } from "../../core/remoteScript";

/**
 * A shell command running `podman ARGS` rootless as `user` from a root shell: in the user's own runtime dir (its
 * linger session), from / (the user may not read the caller's working directory), without the caller's TMPDIR
 * (pam_tmpdir gives root a private one the user cannot write; podman then uses its own, /var/tmp).
 */
export function rootlessPodman(user: string, args: readonly string[]): string {
  const u = shellQuote(user);
  return `cd / && runuser -u ${u} -- env -u TMPDIR XDG_RUNTIME_DIR=/run/user/$(id -u ${u}) podman ${args.map(shellQuote).join(" ")}`;
}
