/**
 * Readies the service user for rootless Podman: its subordinate ID range in /etc/subuid and /etc/subgid, the
 * dialout group when radio sticks are passed in, and linger (its systemd user manager runs from boot, without
 * a login), waited for at most 30 s, and the system's network-online.target, which Quadlet's user units wait for.
 * Args: user, range start, range count, dialout (yes|no). Prints what changed.
 */
export const HA_ROOTLESS_SCRIPT = `
user=$1 start=$2 count=$3 dialout=$4
id -- "$user" >/dev/null 2>&1 || fail "the user $user does not exist" "run pulumi up again: the accounts steps create it first"
changed=()
for f in /etc/subuid /etc/subgid; do
  [ -e "$f" ] || install -m 0644 /dev/null "$f"
  if ! grep -q "^$user:" "$f"; then
    grep -q ":$start:" "$f" && fail "the subordinate range starting at $start in $f belongs to another user" "give that user another range, then run pulumi up again"
    echo "$user:$start:$count" >> "$f"; changed+=("$f")
  fi
done
if [ "$dialout" = yes ] && ! id -nG -- "$user" | tr ' ' '\\n' | grep -qx dialout; then usermod -aG dialout -- "$user"; changed+=(dialout); fi
if [ "$dialout" = no ] && id -nG -- "$user" | tr ' ' '\\n' | grep -qx dialout; then gpasswd -d "$user" dialout >/dev/null; changed+=(dialout); fi
if [ "$(loginctl show-user -P Linger -- "$user" 2>/dev/null || echo no)" != yes ]; then loginctl enable-linger -- "$user"; changed+=(linger); fi
dir=/run/user/$(id -u -- "$user")
for i in $(seq 1 300); do [ -S "$dir/systemd/private" ] && break; sleep 0.1; done
[ -S "$dir/systemd/private" ] || fail "linger for $user is on, but its systemd user manager did not start within 30 s" "run systemctl status user@$(id -u -- "$user") on the host to see why"
# Quadlet's user units wait for the system's network-online.target, which nothing starts on a minimal Debian: a
# unit that never sees it waits 90 s on every start.
if [ ! -e /etc/systemd/system/multi-user.target.wants/network-online.target ]; then systemctl add-wants multi-user.target network-online.target 2>/dev/null; changed+=(network-online); fi
timeout 150 systemctl start network-online.target || fail "network-online.target did not start within 150 s" "run systemctl status network-online.target on the host to see which wait-online service hangs"
echo "\${changed[*]:-unchanged}"
`;
