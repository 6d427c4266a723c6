/**
 * Runs as the admin, unescalated, over a NEW SSH connection: proves the login works, that `sudo -n` works,
 * that the armed rollback has not fired, and (when given) that the installed drop-in is the expected one;
 * then disarms the rollback timer. Args: rollback unit, state dir, drop-in path, expected sha256 or "-".
 */
export const VERIFY_LOGIN_SCRIPT = `
unit=$1 state=$2 dropin=$3 want=$4
sudo -n true 2>/dev/null || fail "$(id -un) logged in but sudo -n asks for a password" "check /etc/sudoers.d/ha-hardened-host-$(id -un) on the host"
if sudo -n test -e "$state/rolled-back"; then
  fail "the sshd change was rolled back at $(sudo -n cat "$state/rolled-back") because no new login confirmed it in time" "run pulumi up again with --replace on this host's sshd-config step, or bump its generation"
fi
if [ "$want" != - ]; then
  have=$(sha256sum < "$dropin" | cut -d' ' -f1)
  [ "$have" = "$want" ] || fail "$dropin is not the drop-in this stack renders" "run pulumi up again with --replace on this host's sshd-config step"
fi
sudo -n systemctl stop -- "$unit.timer" >/dev/null 2>&1 || true
sudo -n systemctl reset-failed -- "$unit.timer" "$unit.service" >/dev/null 2>&1 || true
echo "verified login of $(id -un) with sudo; rollback disarmed"
`;
