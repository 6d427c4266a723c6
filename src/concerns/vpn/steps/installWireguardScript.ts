import { INSTALL_PACKAGES_SCRIPT } from "../../packages/steps/installPackagesScript";

/**
 * Installs wireguard-tools (wg, wg-quick), and wireguard-go only where the kernel has no WireGuard module
 * (wg-quick falls back to it by itself). Prints `changed PKG…` or `unchanged`.
 */
export const INSTALL_WIREGUARD_SCRIPT = `
command -v ip >/dev/null || fail "the ip command (iproute2) is missing" "run apt-get install iproute2 on the host, then pulumi up again"
pkgs=(wireguard-tools)
if ip link add ha-wg-probe type wireguard 2>/dev/null; then
  ip link del ha-wg-probe
else
  pkgs+=(wireguard-go)
fi
set -- "\${pkgs[@]}"
${INSTALL_PACKAGES_SCRIPT.trim()}
`;
