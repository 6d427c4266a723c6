/**
 * Puts the managed block (stdin) at the top of configuration.yaml and leaves every other line as it is; creates the
 * file with the starter line when there is none. Refuses a file with its own top-level \`homeassistant:\` key outside
 * the block (YAML would keep only one of them). Atomic, compared before it replaces. Args: path, user, begin, end, starter.
 */
export const HA_MANAGED_BLOCK_SCRIPT = `
path=$1 user=$2 begin=$3 end=$4 starter=$5
block=$(cat)
dir=$(dirname -- "$path")
tmp=$(mktemp -- "$dir/.ha-hardened-host.XXXXXX")
trap 'rm -f -- "$tmp"' EXIT
if [ -f "$path" ]; then
  own=$(awk -v b="$begin" -v e="$end" '$0 == b { skip = 1; next } skip && $0 == e { skip = 0; next } !skip' "$path")
else
  own=$(printf '%s' "$starter")
fi
if printf '%s\\n' "$own" | grep -q '^homeassistant:'; then
  fail "$path has its own top-level homeassistant: key besides the block this project manages" "move the settings under that key into Home Assistant's UI (Settings > System > General) or into a package, delete the key, then run pulumi up again"
fi
printf '%s\\n%s\\n' "$block" "$own" > "$tmp"
chown -- "$user:$user" "$tmp"
chmod 0640 -- "$tmp"
if [ -f "$path" ] && cmp -s -- "$tmp" "$path"; then echo "unchanged $path"; exit 0; fi
mv -f -- "$tmp" "$path"
echo "changed $path"
`;
