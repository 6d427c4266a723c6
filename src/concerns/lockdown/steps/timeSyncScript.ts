/**
 * Keeps the clock synchronised: an installed chrony, ntpsec, ntp or openntpd is left to do it (installing
 * systemd-timesyncd would remove it); else systemd-timesyncd is installed and enabled (a separate package
 * since Debian 11). In a container it stays inactive (ConditionVirtualization=!container). Prints what it did.
 */
export const TIME_SYNC_SCRIPT = `
installed() { dpkg-query -W -f='\${Status}' -- "$1" 2>/dev/null | grep -q 'install ok installed'; }
for d in chrony ntpsec ntp openntpd; do
  if installed "$d"; then echo "unchanged: $d keeps the time"; exit 0; fi
done
state=unchanged
if ! installed systemd-timesyncd; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=120 -q -y --no-install-recommends install systemd-timesyncd || fail "apt-get could not install systemd-timesyncd" "run apt-get install systemd-timesyncd on the host to see why"
  state=changed
fi
if ! systemctl is-enabled --quiet systemd-timesyncd.service; then systemctl enable --now systemd-timesyncd.service; state=changed; fi
echo "$state systemd-timesyncd"
`;
