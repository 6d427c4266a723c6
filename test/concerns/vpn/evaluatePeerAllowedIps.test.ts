import { evaluatePeerAllowedIps } from "../../../src/concerns/vpn/evaluatePeerAllowedIps";

describe("evaluatePeerAllowedIps", () => {
  it("accepts host routes, with or without an explicit prefix, and ignores the [Interface] Address", () => {
    expect(evaluatePeerAllowedIps("h", "[Interface]\nAddress = 10.0.0.1/24\n[Peer]\nAllowedIPs = 10.0.0.2/32, fd00::2/128\n[Peer]\nAllowedIPs=10.0.0.3\n")).toEqual([]);
  });

  it("names ::/0 as everything and a v6 /64 as a network", () => {
    expect(evaluatePeerAllowedIps("h", "[Peer]\nAllowedIPs = ::/0, fd00::/64 # x\n")).toEqual([
      "h must give each peer host routes only (/32, /128); the peer at line 1 claims everything with `::/0` on line 2.",
      "h must give each peer host routes only (/32, /128); the peer at line 1 claims a whole network with `fd00::/64` on line 2.",
    ]);
  });
});
