import { cidrContains, isPrivateCidr, parseCidr } from "../../src/core/cidr";

const cidr = (text: string) => {
  const c = parseCidr(text);
  if (!c) throw new Error(`fixture ${text} does not parse`);
  return c;
};

describe("parseCidr", () => {
  it("reads a bare address as a single host (/32, /128), as a peer's address is written", () => {
    expect(parseCidr("192.168.1.10")).toMatchObject({ family: 4, prefix: 32 });
    expect(parseCidr("fd00::1")).toMatchObject({ family: 6, prefix: 128 });
  });

  it("masks the host bits, so 192.168.1.7/24 is the same network as 192.168.1.0/24", () => {
    expect(cidr("192.168.1.7/24").base).toBe(cidr("192.168.1.0/24").base);
  });

  it("refuses a prefix longer than the family allows, a non-number and a second slash", () => {
    for (const bad of ["10.0.0.0/33", "fd00::/129", "10.0.0.0/x", "10.0.0.0/8/8", "10.0.0.0/", "not-an-ip/8"]) expect(parseCidr(bad)).toBeUndefined();
  });
});

describe("cidrContains", () => {
  it("holds a smaller network of the same family inside a larger one", () => {
    expect(cidrContains(cidr("192.168.0.0/16"), cidr("192.168.1.0/24"))).toBe(true);
    expect(cidrContains(cidr("fd00::/8"), cidr("fd12:3456::/48"))).toBe(true);
  });

  it("does not hold a larger network, a neighbour or the other family", () => {
    expect(cidrContains(cidr("192.168.1.0/24"), cidr("192.168.0.0/16"))).toBe(false);
    expect(cidrContains(cidr("192.168.1.0/24"), cidr("192.168.2.0/24"))).toBe(false);
    expect(cidrContains(cidr("0.0.0.0/0"), cidr("::1"))).toBe(false);
  });
});

describe("isPrivateCidr", () => {
  it("accepts home and unique-local networks, which no internet host can come from", () => {
    for (const c of ["10.0.0.0/8", "192.168.178.0/24", "172.16.5.0/24", "fd00::/8", "fe80::/64", "2001:2:0:a::/64"]) expect(isPrivateCidr(cidr(c))).toBe(true);
  });

  it("refuses public ranges and ranges that reach past a private block, because the internet could come from them", () => {
    for (const c of ["0.0.0.0/0", "::/0", "8.8.8.0/24", "2001:4860::/32", "172.0.0.0/8", "192.168.0.0/15"]) expect(isPrivateCidr(cidr(c))).toBe(false);
  });
});
