import * as pulumi from "@pulumi/pulumi";
import { pulumiConfigSource } from "../../src/config/pulumiConfigSource";

describe("pulumiConfigSource", () => {
  test("reads raw values of the project namespace, which keys are secret, and every key set (to report unknown ones)", () => {
    pulumi.runtime.setAllConfig(
      { "ha-hardened-host:hosts": '[{"name":"a"}]', "ha-hardened-host:typo": "x", "other:thing": "y" },
      ["ha-hardened-host:hosts"],
    );
    const source = pulumiConfigSource();
    expect(source.get("hosts")).toBe('[{"name":"a"}]');
    expect(source.isSecret("hosts")).toBe(true);
    expect(source.isSecret("typo")).toBe(false);
    expect(source.keys().sort()).toEqual(["hosts", "typo"]);
  });
});
