import * as pulumi from "@pulumi/pulumi";
import * as command from "@pulumi/command";
import { captureProgram } from "../../src/preview/captureProgram";
import { SECRET_SIG_KEY, SECRET_SIG_VALUE, UNKNOWN_SENTINEL } from "../../src/preview/capturedResource";

// A tiny stand-in program: one component, two commands, one depending on the other's output.
function program() {
  const cfg = new pulumi.Config("ha-hardened-host");
  const parent = new pulumi.ComponentResource("ha-hardened-host:index:HardenedHost", "box", {});
  const connection = { host: cfg.require("address"), user: "admin", privateKey: cfg.requireSecret("key"), hostKey: "ssh-ed25519 AAAA" };
  const first = new command.remote.Command("box-first", { connection, create: "true", stdin: cfg.requireSecret("key") }, { parent });
  new command.remote.Command("box-second", { connection, create: first.stdout }, { parent, dependsOn: [first], ignoreChanges: ["create"] });
  return {};
}

describe("captureProgram", () => {
  let captured: Awaited<ReturnType<typeof captureProgram>>;
  beforeAll(async () => {
    captured = await captureProgram({
      stack: "unit",
      preview: true,
      program,
      config: { config: { "ha-hardened-host:address": "198.18.10.2", "ha-hardened-host:key": "PRIVATE" }, secretKeys: ["ha-hardened-host:key"] },
    });
  });

  it("captures the stack, the component and its commands with their parents, as the engine sees them", () => {
    expect(captured.map((r) => r.type)).toEqual([
      "pulumi:pulumi:Stack",
      "ha-hardened-host:index:HardenedHost",
      "command:remote:Command",
      "command:remote:Command",
    ]);
    const [stack, component, first, second] = captured;
    expect(component.parent).toBe(stack.urn);
    expect(first.parent).toBe(component.urn);
    expect(second.dependencies).toContain(first.urn);
    expect(second.ignoreChanges).toEqual(["create"]);
  });

  it("keeps secrets wrapped in the engine's secret signature, so a policy can never see them as plain text by accident", () => {
    const first = captured[2];
    expect(first.inputs.stdin).toEqual({ [SECRET_SIG_KEY]: SECRET_SIG_VALUE, value: "PRIVATE" });
    const connection = first.inputs.connection as Record<string, unknown>;
    expect(JSON.stringify(connection)).toContain(SECRET_SIG_KEY);
  });

  it("marks outputs that are unknown during a preview with the engine's unknown sentinel", () => {
    expect(captured[3].inputs.create).toBe(UNKNOWN_SENTINEL);
  });
});
