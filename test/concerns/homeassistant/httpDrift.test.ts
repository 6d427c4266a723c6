import { httpDrift, managedHttp } from "../../../src/concerns/homeassistant/httpDrift";
import { httpSettings } from "../../../src/concerns/homeassistant/renderHaConfig";
import { haBaseline } from "./haTestFixtures";

/** Home Assistant's http store as it writes it: the managed settings plus its own defaults and metadata. */
function store(stable: Record<string, unknown>, pending: Record<string, unknown> | null = null): string {
  const full = { server_port: 8123, cors_allowed_origins: ["https://cast.home-assistant.io"], login_attempts_threshold: -1, ip_ban_enabled: true, ssl_profile: "modern", use_x_frame_options: true, created_at: "2026-12-01T10:00:00+00:00", error: null, error_message: null, ...stable };
  return JSON.stringify({ version: 3, minor_version: 1, key: "http", data: { stable: full, pending, yaml_migration_done: true } }, null, 2);
}

const wanted = httpSettings(haBaseline());

test("a store that holds the stack's settings is no drift, whatever Home Assistant keeps beside them", () => {
  expect(httpDrift(store({ login_attempts_threshold: 5 }), wanted)).toEqual([]);
});

test("IP bans turned off in Home Assistant are drift, named with both values", () => {
  expect(httpDrift(store({ login_attempts_threshold: 5, ip_ban_enabled: false }), wanted)).toEqual(["ip_ban_enabled is false, the stack says true"]);
});

test("a threshold back at Home Assistant's default (never ban) is drift", () => {
  expect(httpDrift(store({}), wanted)).toEqual(["login_attempts_threshold is -1, the stack says 5"]);
});

test("a listen address the stack does not set (the first start's loopback binding left over) is drift", () => {
  expect(httpDrift(store({ login_attempts_threshold: 5, server_host: ["127.0.0.1"] }), wanted)).toEqual(['server_host is ["127.0.0.1"], the stack says not set']);
});

test("a change staged in Home Assistant and not yet promoted is drift, even when stable matches", () => {
  expect(httpDrift(store({ login_attempts_threshold: 5 }, { ip_ban_enabled: false }), wanted)).toEqual([expect.stringMatching(/pending/)]);
});

test("trusted proxies compare as the networks Home Assistant stores (it normalises the text), not as strings", () => {
  const proxied = httpSettings({ ...haBaseline(), http: { ...haBaseline().http, trustedProxies: ["2001:0DB8::/32", "192.168.1.2/32"] } });
  expect(httpDrift(store({ login_attempts_threshold: 5, use_x_forwarded_for: true, trusted_proxies: ["192.168.1.2/32", "2001:db8::/32"] }), proxied)).toEqual([]);
  expect(httpDrift(store({ login_attempts_threshold: 5, use_x_forwarded_for: true, trusted_proxies: ["192.168.1.0/24", "2001:db8::/32"] }), proxied)).toHaveLength(1);
});

test("use_x_forwarded_for false is the same as not set (Home Assistant writes either)", () => {
  expect(managedHttp({ use_x_forwarded_for: false, server_port: 8123 })).toEqual({ server_port: 8123 });
});

test("no store yet (Home Assistant never started) is nothing to judge, and a store without settings is an error, not a pass", () => {
  expect(httpDrift("", wanted)).toBeUndefined();
  expect(() => httpDrift(JSON.stringify({ data: {} }), wanted)).toThrow(/no stable settings/);
  expect(() => httpDrift("{not json", wanted)).toThrow();
});
