/**
 * While the owner does not exist yet: installs the first-start package (stdin: Home Assistant bound to the host
 * itself) and, as a second wall, a runtime nftables table that drops the port from everywhere but loopback, so a
 * fresh instance is never reachable from the LAN before it is claimed, even if Home Assistant ignored the package.
 * Once onboarding has recorded the owner, removes both instead. Args: path, user, onboarding store, port, gate table.
 */
export const HA_FIRST_START_SCRIPT = `
path=$1 user=$2 onboarding=$3 port=$4 gate=$5
if [ -f "$onboarding" ] && grep -q '"user"' "$onboarding"; then
  rm -f -- "$path"
  nft delete table inet "$gate" 2>/dev/null || true
  echo "owner exists: no first-start package, no claim gate"
  exit 0
fi
printf 'table inet %s {\\n  chain input {\\n    type filter hook input priority filter - 10; policy accept;\\n    iifname != "lo" tcp dport %s drop comment "Home Assistant until its owner exists"\\n  }\\n}\\n' "$gate" "$port" > "$path.nft.tmp"
nft -c -f "$path.nft.tmp" || { rm -f -- "$path.nft.tmp"; fail "nft refused the claim gate" "run nft -c -f on it to see why"; }
nft delete table inet "$gate" 2>/dev/null || true
nft -f "$path.nft.tmp"
rm -f -- "$path.nft.tmp"
tmp=$(mktemp -- "$(dirname -- "$path")/.ha-hardened-host.XXXXXX")
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
chown -- "$user:$user" "$tmp"
chmod 0640 -- "$tmp"
mv -f -- "$tmp" "$path"
echo "until the owner exists: bound to the host itself ($path), port $port dropped from outside (table inet $gate)"
`;
