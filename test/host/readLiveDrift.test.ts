import { configSourceFromMap } from "../../src/core/configSource";
import { loadStackConfig } from "../../src/config/loadStackConfig";
import type { HostConfig } from "../../src/config/schema";
import type { SshRead, SshTarget } from "../../src/core/readOverSsh";
import { readLiveDrift } from "../../src/host/readLiveDrift";
import { configMap, keys, validHost } from "../support/keyFixtures";
import { httpReadBack } from "../concerns/homeassistant/haTestFixtures";

const HA = { image: `ghcr.io/home-assistant/home-assistant:2026.11.0@sha256:${"ab".repeat(32)}`, owner: { name: "Alex", username: "alex", password: "correct horse battery" } };

function host(overrides: Record<string, unknown> = {}): HostConfig {
  const m = configMap([validHost(overrides)]);
  return loadStackConfig(configSourceFromMap(m.config, m.secretKeys)).hosts[0];
}

function store(stable: Record<string, unknown>): string {
  return httpReadBack({ store: JSON.stringify({ version: 3, minor_version: 1, key: "http", data: { stable: { server_port: 8123, ip_ban_enabled: true, login_attempts_threshold: 5, ...stable }, pending: null, yaml_migration_done: true } }) });
}

/** A reader double: records what it was asked and answers with `answer`. */
function reader(answer: SshRead) {
  const calls: { target: SshTarget; command: string }[] = [];
  return { calls, read: async (target: SshTarget, command: string) => (calls.push({ target, command }), answer) };
}

test("a host without Home Assistant has nothing to read back, so the up contacts nothing before planning", async () => {
  const r = reader({ code: 0, stdout: "", stderr: "" });
  expect(await readLiveDrift(host(), r.read)).toEqual({ steps: new Map(), messages: [] });
  expect(r.calls).toHaveLength(0);
});

test("the read-back logs in as the admin with the automation key, trusts only the host's identity key, and carries no secret on its command line", async () => {
  const r = reader({ code: 0, stdout: store({}), stderr: "" });
  const h = host({ homeAssistant: HA });
  await readLiveDrift(h, r.read);
  expect(r.calls).toHaveLength(1);
  const { target, command } = r.calls[0];
  expect(target).toMatchObject({ host: "192.168.1.20", port: 22, user: "hhadmin", privateKey: keys().automation.privateKey });
  expect(target.hostKey).toBe(keys().hostEd25519.publicKey.split(" ").slice(0, 2).join(" "));
  expect(command).toMatch(/\nsudo -n -- bash -c /);
  expect(command).toContain("/.storage/http");
  expect(command).not.toContain(HA.owner.password);
  expect(command).not.toContain("PRIVATE KEY");
});

test("a host that holds the stack's settings is no drift and no message", async () => {
  expect(await readLiveDrift(host({ homeAssistant: HA }), reader({ code: 0, stdout: store({}), stderr: "" }).read)).toEqual({ steps: new Map(), messages: [] });
});

test("drift names the host, what differs with both values, and the step this up runs again", async () => {
  const live = await readLiveDrift(host({ homeAssistant: HA }), reader({ code: 0, stdout: store({ ip_ban_enabled: false }), stderr: "" }).read);
  expect([...live.steps.keys()]).toEqual(["ha-owner"]);
  expect(live.messages).toEqual([{ level: "warn", text: "host ha-pi: Home Assistant's http settings differ from the stack: ip_ban_enabled is false, the stack says true; this up sets them again (step ha-pi-ha-owner)" }]);
});

test("no store yet (Home Assistant not started) is no drift", async () => {
  expect((await readLiveDrift(host({ homeAssistant: HA }), reader({ code: 0, stdout: "", stderr: "" }).read)).steps.size).toBe(0);
});

test("a login the box refuses (not provisioned yet: its host key is not the identity's) is no drift, said as information", async () => {
  const live = await readLiveDrift(host({ homeAssistant: HA }), reader({ code: 255, stdout: "", stderr: "Host key verification failed.\n" }).read);
  expect(live.steps.size).toBe(0);
  expect(live.messages).toEqual([{ level: "info", text: expect.stringMatching(/^host ha-pi: Home Assistant's http settings not read back: the admin login did not succeed \(Host key verification failed\.\)/) }]);
});

test("a host that gives no answer in time is a warning that drift was not checked, never taken for a host not provisioned yet", async () => {
  const live = await readLiveDrift(host({ homeAssistant: HA }), reader({ code: 124, stdout: "", stderr: "no answer within 120 s\n" }).read);
  expect(live.steps.size).toBe(0);
  expect(live.messages).toEqual([{ level: "warn", text: expect.stringMatching(/not read back: .*\(no answer within 120 s\); drift was not checked$/) }]);
});

test("a read that fails on the host, or answers something that is not Home Assistant's store, is a warning that drift was not checked, never a pass", async () => {
  const failed = await readLiveDrift(host({ homeAssistant: HA }), reader({ code: 1, stdout: "", stderr: "sudo: a password is required\n" }).read);
  expect(failed.messages).toEqual([{ level: "warn", text: expect.stringMatching(/failed with exit code 1 \(sudo: a password is required\); drift was not checked$/) }]);
  const garbled = await readLiveDrift(host({ homeAssistant: HA }), reader({ code: 0, stdout: "<html>", stderr: "" }).read);
  expect(garbled.messages).toEqual([{ level: "warn", text: expect.stringMatching(/read back as something unexpected .*; drift was not checked$/) }]);
  expect(failed.steps.size + garbled.steps.size).toBe(0);
});
