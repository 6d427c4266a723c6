#!/usr/bin/env bash
# Installs the Debian packages the lab needs (idempotent: apt-get skips what is already installed).
#   mmdebstrap          builds the guest root filesystem
#   systemd-container   systemd-nspawn boots it
#   openssh-client      ssh / ssh-keygen: bootstrap keys, host keys, the controller's logins
#   dpkg-dev            dpkg-scanpackages indexes the guest's offline apt repository
#   iproute2            ip netns / veth / bridge for the lab network
#   uidmap              mmdebstrap's optional unshare mode
#   python3-venv        the newest ssh-audit, from PyPI, runs in a virtualenv (src/lab/judges/sshAudit.ts)
#   nmap lynis          the outside (and inside) judges used by the lab tests and benchmark
#   wireguard-tools wireguard-go   the VPN lab test's "phone" runs wg-quick in the WAN namespace (the
#                       controller's kernel may have no WireGuard module); `wg pubkey` checks the key maths
#   curl                asks the lab's Home Assistant for its onboarding steps from the LAN namespace
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "install-lab-deps: must run as root (apt-get install)" >&2
  exit 2
fi
pkgs=(mmdebstrap systemd-container openssh-client dpkg-dev iproute2 uidmap python3-venv nmap lynis wireguard-tools wireguard-go curl)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
export DEBIAN_FRONTEND=noninteractive
# Fresh package lists even when nothing is missing: the tests `apt-get download` Debian's sshd and sudo to
# check rendered configs with the real binaries, and stale lists name versions the mirror no longer has.
apt-get update -q
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-lab-deps: all present (${pkgs[*]})"
  exit 0
fi
apt-get install -y -q "${missing[@]}"
