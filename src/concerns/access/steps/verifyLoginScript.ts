/**
 * Runs as the admin, unescalated, over a NEW SSH connection: proves the login works and that `sudo -n` works;
 * then, for each lockout guard, disarms its rollback timer, fails when the rollback already fired, runs the
 * confirmation the apply left (once) and, when given, checks the file the change left is the expected one.
 * Args: groups of seven per guard: what, step, rollback unit, rolled-back marker, confirm script or "-",
 * path, expected sha256 or "-".
 */
export const VERIFY_LOGIN_SCRIPT = `
sudo -n true 2>/dev/null || fail "$(id -un) logged in but sudo -n asks for a password" "check /etc/sudoers.d/ha-hardened-host-$(id -un) on the host"
[ $(($# % 7)) -eq 0 ] || fail "verify-login got $# arguments, not groups of seven" "run pulumi up again with this project's program"
while [ $# -gt 0 ]; do
  what=$1 step=$2 unit=$3 marker=$4 confirm=$5 file=$6 want=$7
  shift 7
  sudo -n systemctl stop -- "$unit.timer" >/dev/null 2>&1 || true
  if sudo -n test -e "$marker"; then
    fail "$what was rolled back at $(sudo -n cat -- "$marker") because no new login confirmed it in time" "run pulumi up again with --replace on this host's $step step, or bump its generation"
  fi
  sudo -n systemctl reset-failed -- "$unit.timer" "$unit.service" >/dev/null 2>&1 || true
  if [ "$confirm" != - ] && sudo -n test -e "$confirm"; then
    sudo -n /bin/sh "$confirm" || fail "confirming $what failed (exit $?)" "run sudo /bin/sh $confirm on the host to see why, then run pulumi up again"
  fi
  if [ "$want" != - ]; then
    have=$(sudo -n sha256sum -- "$file" 2>/dev/null | cut -d' ' -f1 || true)
    [ "$have" = "$want" ] || fail "$file is not what this stack renders for $what" "run pulumi up again with --replace on this host's $step step"
  fi
done
echo "verified login of $(id -un) with sudo; rollbacks disarmed"
`;
