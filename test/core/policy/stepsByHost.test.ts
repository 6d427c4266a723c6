import { stepsByHost } from "../../../src/core/policy/stepsByHost";
import { encodeManifest } from "../../../src/core/stepManifest";

const STACK = { urn: "urn:pulumi:dev::ha-hardened-host::pulumi:pulumi:Stack::ha-hardened-host-dev" };
const component = (host: string) => ({ urn: `urn:pulumi:dev::ha-hardened-host::ha-hardened-host:index:HardenedHost::${host}`, parent: STACK });
const step = (host: string, name: string, parent: { urn: string } = component(host)) => ({
  urn: `urn:pulumi:dev::ha-hardened-host::ha-hardened-host:index:HardenedHost$command:remote:Command::${host}-${name}`,
  type: "command:remote:Command",
  props: { create: `${encodeManifest({ kind: "user", host, name })}\ntrue` },
  parent,
});

describe("stepsByHost", () => {
  it("groups the steps by the host their manifest names, with that host's component URN, so a stack finding lands on it", () => {
    const groups = stepsByHost([step("ha-pi", "a"), step("garage", "b"), step("ha-pi", "c")]);
    expect([...groups.keys()]).toEqual(["ha-pi", "garage"]);
    expect(groups.get("ha-pi")!.urn).toBe(component("ha-pi").urn);
    expect(groups.get("ha-pi")!.steps.map((s) => s.manifest.kind === "user" && s.manifest.name)).toEqual(["a", "c"]);
    expect(groups.get("garage")!.steps).toHaveLength(1);
  });

  it("leaves out resources that are not provisioning steps", () => {
    expect(stepsByHost([{ ...component("ha-pi"), type: "ha-hardened-host:index:HardenedHost", props: {} }]).size).toBe(0);
  });

  it("takes the component URN from any of the host's steps that sits inside it", () => {
    const groups = stepsByHost([step("ha-pi", "loose", STACK), step("ha-pi", "inside")]);
    expect(groups.get("ha-pi")!.urn).toBe(component("ha-pi").urn);
  });
});
