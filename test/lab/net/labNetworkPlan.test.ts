import { labNetworkPlan, MAX_SLOT } from "../../../src/lab/net/labNetworkPlan";

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

  test("gives two slots disjoint controller-side subnets, so two labs coexist in the root routing table", () => {
    const a = labNetworkPlan("a", 1);
    const b = labNetworkPlan("b", 2);
    const bNets = [b.lanCidr, b.wanCidr, b.transitCidr];
    expect([a.lanCidr, a.wanCidr, a.transitCidr].filter((n) => bNets.includes(n))).toEqual([]);
    expect(a.netns.host).not.toBe(b.netns.host);
  });

  test("rejects a slot outside 1..MAX_SLOT because it would leave the address plan", () => {
    expect(() => labNetworkPlan("lab", 0)).toThrow(/slot must be 1\.\.250, got 0/);
    expect(() => labNetworkPlan("lab", MAX_SLOT + 1)).toThrow(/got 251/);
  });
});
