import { shellQuote } from "../../core/remoteScript";

/**
 * A shell command running `command ARGS` as `user` from a root shell, the way the user's own session runs it: in its
 * runtime dir (its linger session), from / (the user may not read the caller's working directory), without the
 * caller's TMPDIR (pam_tmpdir gives root a private one the user cannot write). The step scripts' `as_user` does the same.
 */
export function asUserCommand(user: string, command: string, args: readonly string[]): string {
  const u = shellQuote(user);
  return `cd / && runuser -u ${u} -- env -u TMPDIR XDG_RUNTIME_DIR=/run/user/$(id -u ${u}) ${command} ${args.map(shellQuote).join(" ")}`;
}
