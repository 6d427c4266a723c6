import { cidrProblem, isHostAddress } from "../../src/core/network";

describe("network", () => {
  test.each(["192.168.1.20", "fd00::1", "ha.example.org", "homeassistant.local", "pi"])("accepts the address %s", (a) => {
    expect(isHostAddress(a)).toBe(true);
  });
  test.each(["192.168.1", "300.1.1.1", "bad name", "-x.example", "a..b", ""])("refuses the address %j", (a) => {
    expect(isHostAddress(a)).toBe(false);
  });
  test.each(["192.168.1.0/24", "10.0.0.0/8", "0.0.0.0/0", "fd00::/8", "2001:db8::/32", "198.18.10.2/32"])("accepts the network %s", (c) => {
    expect(cidrProblem(c)).toBeUndefined();
  });
  test("refuses host bits, too-long prefixes and non-CIDR text, saying what would be right", () => {
    expect(cidrProblem("192.168.1.7/24")).toContain("e.g. 192.168.1.0/24");
    expect(cidrProblem("fd00::1/8")).toContain("host bits zero");
    expect(cidrProblem("fd00::/129")).toContain("0-128");
    expect(cidrProblem("192.168.1.0")).toContain("CIDR notation");
  });
});
