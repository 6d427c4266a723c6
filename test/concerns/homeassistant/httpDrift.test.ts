import { httpDrift, managedHttp } from "../../../src/concerns/homeassistant/httpDrift";
import { httpSettings, renderHttpPackage } from "../../../src/concerns/homeassistant/renderHaConfig";
import { haBaseline, httpReadBack } from "./haTestFixtures";

/** The read-back of a host whose Home Assistant (2026.8 or newer) keeps this store, as it writes it. */
function store(stable: Record<string, unknown>, pending: Record<string, unknown> | null = null): string {
  const full = { server_port: 8123, cors_allowed_origins: ["https://cast.home-assistant.io"], login_attempts_threshold: -1, ip_ban_enabled: true, ssl_profile: "modern", use_x_frame_options: true, created_at: "2026-12-01T10:00:00+00:00", error: null, error_message: null, ...stable };
  return httpReadBack({ store: JSON.stringify({ version: 3, minor_version: 1, key: "http", data: { stable: full, pending, yaml_migration_done: true } }, null, 2) });
}

/** A release before 2026.8: its store (version 1) holds what its last start ran with, saved minutes after it. */
function v1Store(conf: Record<string, unknown>): string {
  return JSON.stringify({ version: 1, minor_version: 1, key: "http", data: { server_port: 8123, cors_allowed_origins: ["https://cast.home-assistant.io"], ip_ban_enabled: true, ssl_profile: "modern", use_x_frame_options: true, ...conf } });
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
  expect(httpDrift(httpReadBack({}), wanted)).toBeUndefined();
  expect(() => httpDrift(httpReadBack({ store: JSON.stringify({ version: 3, data: {} }) }), wanted)).toThrow(/no stable settings/);
  expect(() => httpDrift(httpReadBack({ store: "{not json" }), wanted)).toThrow();
  expect(() => httpDrift("<html>", wanted)).toThrow(/before any part/);
});

describe("a release before 2026.8 (http settings read from YAML at every start)", () => {
  test("the http package the apply wrote is no drift, although the store still holds the first start's loopback binding (it is saved minutes after a start)", () => {
    const firstStart = v1Store({ login_attempts_threshold: 5, server_host: ["127.0.0.1"] });
    expect(httpDrift(httpReadBack({ store: firstStart, httpPackage: renderHttpPackage(haBaseline()) }), wanted)).toEqual([]);
  });

  test("a threshold edited in the http package is drift, named with both values", () => {
    const edited = renderHttpPackage(haBaseline()).replace("login_attempts_threshold: 5", "login_attempts_threshold: -1");
    expect(httpDrift(httpReadBack({ store: v1Store({}), httpPackage: edited }), wanted)).toEqual(["login_attempts_threshold is -1, the stack says 5"]);
  });

  test("a restart the http package still needs (an apply cut off before it) is drift, so the next up restarts Home Assistant", () => {
    expect(httpDrift(httpReadBack({ httpPackage: renderHttpPackage(haBaseline()), restartPending: true }), wanted)).toEqual([expect.stringMatching(/not restarted since its http package was written/)]);
  });

  test("only the first-start package so far (the owner not yet claimed) is nothing to judge: the owner step has not run", () => {
    expect(httpDrift(httpReadBack({ store: v1Store({ server_host: ["127.0.0.1"] }) }), wanted)).toBeUndefined();
  });

  test("an http package without http settings is an error, not a pass", () => {
    expect(() => httpDrift(httpReadBack({ httpPackage: "homeassistant: {}\n" }), wanted)).toThrow(/no http settings/);
  });
});
