import { hostOfResource, hostsOfFinding, indexHosts } from "../../src/check/hostOfResource";
import { COMMAND, host, resource } from "./fixtures";

// Baseline: two hosts, each a HardenedHost component with its steps, and nothing else.
const a = host("ha-pi");
const b = host("garage");
const baseline = [...a.all, ...b.all];

describe("hostOfResource", () => {
  it("maps every step to the HardenedHost it is a child of, and the component to itself, so each host's findings stay its own", () => {
    const hostOf = hostOfResource(baseline);
    expect(hostOf.get(a.sshd.urn)).toBe("ha-pi");
    expect(hostOf.get(a.component.urn)).toBe("ha-pi");
    expect(hostOf.get(b.bootstrapSshd.urn)).toBe("garage");
    expect(hostOf.size).toBe(baseline.length);
  });

  it("follows grandchildren up to their host, because a step nested in a sub-component still lands on that host", () => {
    const group = resource("ha-hardened-host:index:Group", "ha-pi-group", a.component);
    const nested = resource(COMMAND, "ha-pi-nested", group);
    expect(hostOfResource([...baseline, group, nested]).get(nested.urn)).toBe("ha-pi");
  });

  it("leaves a resource outside every host unmapped, because it belongs to the stack, not to a host", () => {
    const stray = resource(COMMAND, "stray-command");
    expect(hostOfResource([...baseline, stray]).has(stray.urn)).toBe(false);
  });
});

describe("indexHosts", () => {
  it("lists the hosts in registration order with their component URNs, where stack-wide findings about them land", () => {
    const index = indexHosts(baseline);
    expect(index.hosts).toEqual(["ha-pi", "garage"]);
    expect(index.componentUrn.get("garage")).toBe(b.component.urn);
    expect(index.hostOfName.get("ha-pi-sshd-config")).toBe("ha-pi");
  });
});

describe("hostsOfFinding", () => {
  const index = indexHosts(baseline);

  it("puts a resource's finding on the resource's host, even when its message names another host, because the URN is exact", () => {
    expect(hostsOfFinding(index, { urn: a.sshd.urn, message: "copied from garage" })).toEqual(["ha-pi"]);
  });

  it("puts a stack-wide finding (no URN) on the host its message names, so it is a FAIL there and nowhere else", () => {
    expect(hostsOfFinding(index, { urn: "", message: "Host garage must have a user step creating homeassistant." })).toEqual(["garage"]);
  });

  it("puts a stack-wide finding that names a host's resource on that host, because the resource belongs to it", () => {
    expect(hostsOfFinding(index, { urn: "", message: "ha-pi-sshd-config must not copy sshd configuration." })).toEqual(["ha-pi"]);
  });

  it("puts a finding that names no host on no host, so the report shows it in the stack row instead of blaming every host", () => {
    expect(hostsOfFinding(index, { urn: "", message: "The stack must have at least one host." })).toEqual([]);
  });

  it("puts a finding on every host it names, in host order, because it is about each of them", () => {
    expect(hostsOfFinding(index, { urn: "", message: "garage and ha-pi share a host key." })).toEqual(["ha-pi", "garage"]);
  });

  it("falls back to the message for a resource outside every host, because its URN says nothing about a host", () => {
    const stray = resource(COMMAND, "stray-command");
    const withStray = indexHosts([...baseline, stray]);
    expect(hostsOfFinding(withStray, { urn: stray.urn, message: "On garage: grants sudo." })).toEqual(["garage"]);
    expect(hostsOfFinding(withStray, { urn: stray.urn, message: "grants sudo." })).toEqual([]);
  });

  it("matches host names as whole words, so host `pi` is not blamed for a finding about `ha-pi`", () => {
    const pi = host("pi");
    const both = indexHosts([...a.all, ...pi.all]);
    expect(hostsOfFinding(both, { urn: "", message: "Host ha-pi must have a user step creating homeassistant." })).toEqual(["ha-pi"]);
    expect(hostsOfFinding(both, { urn: "", message: "Host pi must have a user step creating homeassistant." })).toEqual(["pi"]);
  });
});
