/**
 * Shell helpers every Home Assistant step script starts with: \`as_user CMD…\` runs a command as the service user
 * in its own runtime directory (its linger session), from /, without the caller's TMPDIR (pam_tmpdir gives root
 * a private one the user cannot write); \`user_systemctl\` is its systemctl --user.
 */
export const HA_AS_USER = `
as_user() { (cd / && runuser -u "$user" -- env -u TMPDIR XDG_RUNTIME_DIR="/run/user/$(id -u -- "$user")" "$@"); }
user_systemctl() { as_user systemctl --user "$@"; }
`;
