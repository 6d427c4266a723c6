import { renderSysctl } from "../../../src/concerns/lockdown/renderSysctl";
import { SYSCTL_SETTINGS } from "../../../src/concerns/lockdown/sysctlSettings";
import { lockdownHost } from "./lockdownFixtures";

const values = (text: string): Map<string, string> =>
  new Map(text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(" = ") as [string, string]));

describe("renderSysctl", () => {
  test("writes every setting with its reason and source, so the file explains itself on the host", () => {
    const text = renderSysctl(lockdownHost().host);
    for (const s of SYSCTL_SETTINGS) {
      expect(values(text).get(s.key)).toBe(s.value);
      expect(text).toContain(`# ${s.reason} (${s.source})\n${s.key} = ${s.value}`);
    }
  });

  test("never manages IP forwarding: the WireGuard VPN on wg0 forwards", () => {
    const keys = [...values(renderSysctl(lockdownHost().host)).keys()];
    expect(keys.filter((k) => /forward/.test(k))).toEqual([]);
  });

  test("accepts IPv6 router advertisements by default, since a home box gets IPv6 by SLAAC", () => {
    expect(values(renderSysctl(lockdownHost().host)).get("net.ipv6.conf.all.accept_ra")).toBe("1");
  });

  test("ignores IPv6 router advertisements when lockdown.ipv6RouterAdvertisements is ignore (static IPv6)", () => {
    const v = values(renderSysctl(lockdownHost({ ipv6RouterAdvertisements: "ignore" }).host));
    expect([v.get("net.ipv6.conf.all.accept_ra"), v.get("net.ipv6.conf.default.accept_ra")]).toEqual(["0", "0"]);
  });
});
