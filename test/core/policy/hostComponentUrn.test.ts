import { hostComponentUrn } from "../../../src/core/policy/hostComponentUrn";

const STACK = { urn: "urn:pulumi:dev::ha-hardened-host::pulumi:pulumi:Stack::ha-hardened-host-dev" };
const HOST = { urn: "urn:pulumi:dev::ha-hardened-host::ha-hardened-host:index:HardenedHost::ha-pi", parent: STACK };
const STEP = { urn: "urn:pulumi:dev::ha-hardened-host::ha-hardened-host:index:HardenedHost$command:remote:Command::ha-pi-sshd-config", parent: HOST };

describe("hostComponentUrn", () => {
  it("finds the host a step belongs to through its parent, where a stack finding about that host lands", () => {
    expect(hostComponentUrn(STEP)).toBe(HOST.urn);
  });

  it("climbs more than one level, because a step may sit under a component inside the host", () => {
    const inner = { urn: "urn:pulumi:dev::ha-hardened-host::ha-hardened-host:index:HardenedHost$my:index:Group::g", parent: HOST };
    expect(hostComponentUrn({ urn: "urn:pulumi:dev::ha-hardened-host::x$command:remote:Command::s", parent: inner })).toBe(HOST.urn);
  });

  it("finds none for a resource outside every host, so its finding stays stack-wide", () => {
    expect(hostComponentUrn({ urn: "urn:pulumi:dev::ha-hardened-host::command:remote:Command::loose", parent: STACK })).toBeUndefined();
  });

  it("does not take a resource whose type only ends in HardenedHost's name as the host", () => {
    const lookalike = { urn: "urn:pulumi:dev::ha-hardened-host::my:index:NotHardenedHost::x", parent: STACK };
    expect(hostComponentUrn({ urn: "urn:pulumi:dev::ha-hardened-host::my:index:NotHardenedHost$command:remote:Command::s", parent: lookalike })).toBeUndefined();
  });
});
