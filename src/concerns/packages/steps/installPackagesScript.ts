/**
 * Installs the packages named in args that are missing, with apt-get, non-interactively and without
 * recommends. Refreshes the package lists once when an install fails (a fresh image may have none).
 * Prints `changed PKG…` or `unchanged`.
 */
export const INSTALL_PACKAGES_SCRIPT = `
missing=()
for p in "$@"; do
  dpkg-query -W -f='\${Status}' -- "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "\${#missing[@]}" -eq 0 ]; then echo unchanged; exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt=(apt-get -o DPkg::Lock::Timeout=120 -q -y --no-install-recommends)
if ! "\${apt[@]}" install -- "\${missing[@]}"; then
  apt-get -o DPkg::Lock::Timeout=120 -q update || fail "apt-get update failed" "check the host's apt sources and network, then run pulumi up again"
  "\${apt[@]}" install -- "\${missing[@]}" || fail "apt-get could not install \${missing[*]}" "run apt-get install \${missing[*]} on the host to see why"
fi
echo "changed \${missing[*]}"
`;
