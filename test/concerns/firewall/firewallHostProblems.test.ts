import { hostSchema } from "../../../src/config/schema";
import { firewallHostProblems } from "../../../src/concerns/firewall/firewallHostProblems";
import { validHost } from "../../support/keyFixtures";

const facts = (lanCidrs: string[], adminCidrs: string[] = [], acknowledgePublicLan = false) => ({ lanCidrs, firewall: { adminCidrs, acknowledgePublicLan } });

describe("firewallHostProblems", () => {
  test("a private LAN, or an admin network alone, is fine", () => {
    expect(firewallHostProblems(facts(["192.168.1.0/24", "fd00::/64"]))).toEqual([]);
    expect(firewallHostProblems(facts([], ["203.0.113.7/32"]))).toEqual([]);
  });

  test("a LAN covering the internet is refused with its key, acknowledged or not", () => {
    expect(firewallHostProblems(facts(["0.0.0.0/0"], [], true))).toEqual([{ path: ["lanCidrs", 0], message: "must not cover the whole internet, not 0.0.0.0/0" }]);
    expect(firewallHostProblems(facts(["10.0.0.0/8", "::/0"]))).toEqual([{ path: ["lanCidrs", 1], message: "must not cover the whole internet, not ::/0" }]);
  });

  test("a public range needs firewall.acknowledgePublicLan", () => {
    expect(firewallHostProblems(facts(["203.0.113.0/24", "8.8.8.0/24"]))).toEqual([
      { path: ["lanCidrs", 1], message: "must be a private range, not the publicly routed 8.8.8.0/24 (set firewall.acknowledgePublicLan: true if you own it)" },
    ]);
    expect(firewallHostProblems(facts(["8.8.8.0/24"], [], true))).toEqual([]);
  });

  test("no LAN and no admin network is a lockout", () => {
    expect(firewallHostProblems(facts([]))).toEqual([{ path: ["lanCidrs"], message: "must list the home LAN (or firewall.adminCidrs the admin's network), else the firewall lets SSH in from nowhere" }]);
  });

  test("the schema names the key, and refuses an admin network wider than /16", () => {
    const r = hostSchema.safeParse({ ...validHost(), lanCidrs: ["0.0.0.0/0"], firewall: { adminCidrs: ["198.51.0.0/15"] } });
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ["lanCidrs.0", "must not cover the whole internet, not 0.0.0.0/0"],
        ["firewall.adminCidrs.0", "must be the admin's own network, /16 or narrower, not 198.51.0.0/15"],
      ]),
    );
  });
});
