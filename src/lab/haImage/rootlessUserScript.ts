import { shellQuote } from "../../core/remoteScript";

/** Subordinate IDs for rootless podman: 65536 (a full container ID space), above the ranges useradd hands out. */
export const SUBORDINATE_RANGE = { start: 524288, count: 65536 };

/**
 * A root shell script that readies an existing `user` for rootless podman: its /etc/subuid and /etc/subgid range,
 * and linger (its systemd user session and /run/user/UID without a login), waited for at most 10 s.
 */
export function rootlessUserScript(user: string, range = SUBORDINATE_RANGE): string {
  const u = shellQuote(user);
  const line = shellQuote(`${user}:${range.start}:${range.count}`);
  return [
    "set -eu",
    `id ${u} >/dev/null`,
    `for f in /etc/subuid /etc/subgid; do touch "$f"; grep -q '^'${u}':' "$f" || echo ${line} >> "$f"; done`,
    `loginctl enable-linger ${u}`,
    `dir=/run/user/$(id -u ${u})`,
    `for i in $(seq 1 100); do [ -d "$dir" ] && exit 0; sleep 0.1; done`,
    `echo "linger for ${user} enabled, but $dir did not appear within 10 s (is systemd-logind running?)" >&2; exit 1`,
  ].join("\n");
}
