import { firewallContribution } from "../../../src/concerns/vpn/firewall";
import { vpnSchema } from "../../../src/concerns/vpn/config";
import { rawVpn } from "./vpnTestFixtures";

describe("vpn firewallContribution", () => {
  test("the WireGuard UDP port from anywhere, and the zone wg0 with both subnets", () => {
    const host = { vpn: vpnSchema.parse(rawVpn({ port: 51999, forwardToLan: true })) };
    expect(firewallContribution.openings!(host)).toEqual([expect.objectContaining({ name: "wireguard", protocol: "udp", port: 51999, from: ["any"] })]);
    expect(firewallContribution.vpnZone!(host)).toEqual({ interface: "wg0", cidrs: ["10.77.0.0/24", "fdb4:e7f2:3c19:77::/64"], forwardToLan: true });
  });

  test("nothing for a host without a VPN", () => {
    expect(firewallContribution.openings!({ vpn: undefined })).toEqual([]);
    expect(firewallContribution.vpnZone!({ vpn: undefined })).toBeUndefined();
  });
});
