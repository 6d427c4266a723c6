/**
 * Installs the first-start package (stdin: Home Assistant bound to the host itself) while the owner does not exist
 * yet, so a fresh instance is never reachable from the LAN before it is claimed; once onboarding has recorded the
 * owner, removes it instead. Args: path, user, onboarding store.
 */
export const HA_FIRST_START_SCRIPT = `
path=$1 user=$2 onboarding=$3
if [ -f "$onboarding" ] && grep -q '"user"' "$onboarding"; then
  rm -f -- "$path"
  echo "owner exists: no first-start package"
  exit 0
fi
tmp=$(mktemp -- "$(dirname -- "$path")/.ha-hardened-host.XXXXXX")
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
chown -- "$user:$user" "$tmp"
chmod 0640 -- "$tmp"
mv -f -- "$tmp" "$path"
echo "first start bound to the host itself: $path"
`;
