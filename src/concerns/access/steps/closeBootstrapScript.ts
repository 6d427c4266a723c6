/**
 * Removes the bootstrap public key (stdin: `type base64`) from the bootstrap user's authorized_keys, keeping
 * every other line, owner and mode. Args: bootstrap user. Prints `changed FILE` or `unchanged …`.
 */
export const CLOSE_BOOTSTRAP_SCRIPT = `
user=$1
read -r _type data _rest || true
[ -n "\${data:-}" ] || fail "no bootstrap public key on stdin" "report this as a bug in ha-hardened-host"
if ! entry=$(getent passwd "$user"); then echo "unchanged (no user $user)"; exit 0; fi
ak="$(printf '%s' "$entry" | cut -d: -f6)/.ssh/authorized_keys"
if [ ! -f "$ak" ]; then echo "unchanged $ak (absent)"; exit 0; fi
tmp=$(mktemp -- "$ak.XXXXXX")
trap 'rm -f -- "$tmp"' EXIT
awk -v k="$data" '{ for (i = 1; i <= NF; i++) if ($i == k) next; print }' "$ak" > "$tmp"
if cmp -s -- "$tmp" "$ak"; then echo "unchanged $ak"; exit 0; fi
chown --reference="$ak" -- "$tmp"
chmod --reference="$ak" -- "$tmp"
mv -f -- "$tmp" "$ak"
echo "changed $ak"
`;
