import { cidrContains, parseCidr } from "../../../src/core/cidr";
import { LAB_BLOCK6, labNetworkPlan, MAX_SLOT } from "../../../src/lab/net/labNetworkPlan";

function inLabBlock(addr: string): boolean {
  const [a, b] = addr.split(".").map(Number);
  return a === 198 && (b === 18 || b === 19);
}

describe("labNetworkPlan", () => {
  test("keeps the controller link name within the kernel's 15 characters for the longest lab name", () => {
    const plan = labNetworkPlan("abcdefghijk", 7);
    expect(plan.controllerLink.length).toBeLessThanOrEqual(15);
  });

  test("puts every address in 198.18.0.0/15, so nothing in the lab looks like a real network", () => {
    const plan = labNetworkPlan("lab", MAX_SLOT);
    const addrs = [plan.controllerAddress, plan.routerControllerAddress, plan.hostAddress, plan.lanClientAddress, plan.wanClientAddress, plan.lanGateway, plan.wanGateway];
    for (const a of addrs) expect({ a, ok: inLabBlock(a) }).toEqual({ a, ok: true });
    expect(new Set(addrs).size).toBe(addrs.length);
  });

  test("puts every IPv6 address and network in the benchmarking block 2001:2::/48, its LAN and WAN apart", () => {
    const plan = labNetworkPlan("lab", MAX_SLOT);
    const block = parseCidr(LAB_BLOCK6)!;
    const addrs = [plan.hostAddress6, plan.lanClientAddress6, plan.wanClientAddress6, plan.lanGateway6, plan.wanGateway6];
    for (const a of [...addrs, plan.lanCidr6, plan.wanCidr6]) expect({ a, ok: cidrContains(block, parseCidr(a)!) }).toEqual({ a, ok: true });
    expect(new Set(addrs).size).toBe(addrs.length);
    expect(cidrContains(parseCidr(plan.lanCidr6)!, parseCidr(plan.hostAddress6)!)).toBe(true);
    expect(cidrContains(parseCidr(plan.lanCidr6)!, parseCidr(plan.wanClientAddress6)!)).toBe(false);
  });

  test("gives two slots disjoint controller-side subnets, so two labs coexist in the root routing table", () => {
    const a = labNetworkPlan("a", 1);
    const b = labNetworkPlan("b", 2);
    const bNets = [b.lanCidr, b.wanCidr, b.transitCidr, b.lanCidr6, b.wanCidr6];
    expect([a.lanCidr, a.wanCidr, a.transitCidr, a.lanCidr6, a.wanCidr6].filter((n) => bNets.includes(n))).toEqual([]);
    expect(a.netns.host).not.toBe(b.netns.host);
  });

  test("rejects a slot outside 1..MAX_SLOT because it would leave the address plan", () => {
    expect(() => labNetworkPlan("lab", 0)).toThrow(/slot must be 1\.\.250, got 0/);
    expect(() => labNetworkPlan("lab", MAX_SLOT + 1)).toThrow(/got 251/);
  });
});
