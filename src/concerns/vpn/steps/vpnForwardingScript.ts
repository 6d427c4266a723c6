/**
 * forwardToLan on: installs stdin as the VPN's own sysctl drop-in and loads it; off: removes that file (the
 * other sysctl files then decide forwarding from the next boot). Where /proc/sys is read-only (a container) the file
 * is installed and the output says it was not loaded. Args: path on|off.
 * Prints `changed PATH`, `removed PATH` or `unchanged PATH`.
 */
export const VPN_FORWARDING_SCRIPT = `
path=$1 want=$2
if [ "$want" = off ]; then
  if [ -e "$path" ]; then rm -f -- "$path"; echo "removed $path"; else echo "unchanged $path"; fi
  exit 0
fi
dir=$(dirname -- "$path")
tmp=$(mktemp -- "$dir/.ha-hardened-host.XXXXXX")
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
chmod 0644 "$tmp"
state=unchanged
if ! { [ -f "$path" ] && cmp -s -- "$tmp" "$path"; }; then mv -f -- "$tmp" "$path"; state=changed; fi
if [ ! -w /proc/sys/net/ipv4/ip_forward ]; then
  echo "$state $path (not loaded: /proc/sys is read-only here, as in a container, whose own host decides forwarding)"
  exit 0
fi
sysctl -q -p "$path" || fail "sysctl could not load $path" "run sysctl -p $path on the host to see which key it refuses"
echo "$state $path"
`;
