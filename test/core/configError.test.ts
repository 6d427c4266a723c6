import { RunError } from "@pulumi/pulumi/errors";
import { ConfigError } from "../../src/core/configError";
import { configKey } from "../../src/core/configKey";

describe("ConfigError", () => {
  test("is a RunError (the CLI prints its message without a stack trace) listing one problem per line", () => {
    const e = new ConfigError([{ key: configKey(["hosts", 0, "address"]), message: "must be an address" }, { key: "ha-hardened-host:hosts", message: "x" }]);
    expect(RunError.isInstance(e)).toBe(true);
    expect(ConfigError.isInstance(e)).toBe(true);
    expect(e.message).toBe("the stack config has 2 problems:\n  ha-hardened-host:hosts[0].address: must be an address\n  ha-hardened-host:hosts: x");
  });
});
