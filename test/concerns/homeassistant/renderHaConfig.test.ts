import * as YAML from "yaml";
import { renderFirstStartPackage, renderManagedBlock, renderSecretsYaml, MANAGED_BEGIN, MANAGED_END } from "../../../src/concerns/homeassistant/renderHaConfig";
import { haBaseline } from "./haTestFixtures";

describe("renderHaConfig", () => {
  test("the managed block includes the project's package directory and keeps the password provider, so trusted networks never replace passwords", () => {
    const block = renderManagedBlock(haBaseline());
    expect(block.startsWith(MANAGED_BEGIN + "\n")).toBe(true);
    expect(block.endsWith(MANAGED_END + "\n")).toBe(true);
    expect(block).toContain("packages: !include_dir_named ha-hardened-host");
    const parsed = YAML.parse(block.replace(/!include_dir_named /, ""));
    expect(parsed.homeassistant.auth_providers).toEqual([{ type: "homeassistant" }]);
  });

  test("trusted networks appear only when named, after the password provider", () => {
    const ha = haBaseline();
    ha.trustedNetworks = { networks: ["192.168.1.5/32"], allowBypassLogin: true };
    const parsed = YAML.parse(renderManagedBlock(ha).replace(/!include_dir_named /, ""));
    expect(parsed.homeassistant.auth_providers).toEqual([
      { type: "homeassistant" },
      { type: "trusted_networks", trusted_networks: ["192.168.1.5/32"], allow_bypass_login: true },
    ]);
  });

  test("the first-start package binds Home Assistant to the host itself with bans on, so nobody on the LAN can claim it", () => {
    expect(YAML.parse(renderFirstStartPackage(haBaseline()))).toEqual({
      http: { server_host: ["127.0.0.1"], server_port: 8123, ip_ban_enabled: true, login_attempts_threshold: 5 },
    });
  });

  test("secrets.yaml quotes every value, so a value that looks like YAML stays the text it was", () => {
    const text = renderSecretsYaml({ b_key: 'x"y: [1]', a_key: "0123" });
    expect(text.indexOf("a_key")).toBeLessThan(text.indexOf("b_key"));
    expect(YAML.parse(text)).toEqual({ a_key: "0123", b_key: 'x"y: [1]' });
    expect(renderSecretsYaml({})).toBe("{}\n");
  });
});
