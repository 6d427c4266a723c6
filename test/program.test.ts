import { RunError } from "@pulumi/pulumi/errors";
import { SECRET_SIG_KEY, UNKNOWN_SENTINEL } from "../src/preview/capturedResource";
import { opaqueSecret } from "../src/core/opaqueSecret";
import { configSourceFromMap } from "../src/core/configSource";
import { ConfigError } from "../src/core/configError";
import { decodeManifest, decodeUserSpec } from "../src/core/stepManifest";
import { runProgram, runProgramReadingBack } from "../src/program";
import { IN_STEP_WITH_STACK, READ_BACK_TRIGGER } from "../src/host/HardenedHost";
import { configMap, keys, validHost } from "./support/keyFixtures";
import { inspectOutput, recordProgram, RecordedRegistration } from "./support/recordProgram";
import { httpReadBack } from "./concerns/homeassistant/haTestFixtures";

const isSecretWire = (v: any) => v !== null && typeof v === "object" && SECRET_SIG_KEY in v;
const unwrap = (v: any): any => (isSecretWire(v) ? unwrap(v.value) : v);
/** The connection's private key is secret, on its own or because the whole connection is. */
const privateKeySecret = (c: RecordedRegistration) =>
  isSecretWire(c.wireInputs.connection) || isSecretWire(unwrap(c.wireInputs.connection).privateKey);
const commands = (r: RecordedRegistration[]) => r.filter((x) => x.type === "command:remote:Command");
const byName = (r: RecordedRegistration[], name: string) => {
  const found = r.find((x) => x.name === name);
  if (!found) throw new Error(`no resource ${name}; have ${r.map((x) => x.name).join(", ")}`);
  return found;
};

/** urn -> every urn it depends on, transitively. */
function dependsTransitively(r: RecordedRegistration[], from: RecordedRegistration, on: RecordedRegistration): boolean {
  const byUrn = new Map(r.map((x) => [x.urn, x]));
  const seen = new Set<string>();
  const stack = [...from.dependencies];
  while (stack.length) {
    const u = stack.pop()!;
    if (u === on.urn) return true;
    if (seen.has(u)) continue;
    seen.add(u);
    stack.push(...(byUrn.get(u)?.dependencies ?? []));
  }
  return false;
}

async function record(hosts: unknown[], opts: { preview?: boolean; secret?: boolean } = {}) {
  const m = configMap(hosts, opts.secret ?? true);
  return recordProgram(() => runProgram(configSourceFromMap(m.config, m.secretKeys)), { ...m, preview: opts.preview });
}

describe("runProgram under the mock engine", () => {
  let regs: RecordedRegistration[];
  let outputs: ReturnType<typeof runProgram> | undefined;
  beforeAll(async () => {
    const r = await record([validHost()]);
    if (r.error) throw r.error;
    regs = r.registrations;
    outputs = r.result;
  });

  test("registers one HardenedHost component named after the host, parent of every remote command", () => {
    const component = byName(regs, "ha-pi");
    expect(component.type).toBe("ha-hardened-host:index:HardenedHost");
    expect(commands(regs).length).toBeGreaterThan(10);
    for (const c of commands(regs)) {
      expect(c.parent).toBe(component.urn);
      expect(c.name.startsWith("ha-pi-")).toBe(true);
    }
  });

  test("every remote command pins a host key, uses a key not a password, sets no environment, and does not export previous output", () => {
    for (const c of commands(regs)) {
      const conn = unwrap(c.wireInputs.connection);
      expect(typeof unwrap(conn.hostKey)).toBe("string");
      expect(unwrap(conn.hostKey)).toMatch(/^ssh-(ed25519|rsa) AAAA/);
      expect(conn.password).toBeUndefined();
      expect(privateKeySecret(c)).toBe(true);
      expect(c.wireInputs.environment).toBeUndefined();
      expect(c.wireInputs.addPreviousOutputInEnv).toBe(false);
      expect(c.wireInputs.triggers).toEqual([1]);
    }
  });

  test("bootstrap steps are pinned to bootstrap.hostKey and admin steps to the public half of hostKeys.ed25519", () => {
    const k = keys();
    const freshBox = k.freshBoxHost.publicKey.split(" ").slice(0, 2).join(" ");
    const configKey = k.hostEd25519.publicKey.split(" ").slice(0, 2).join(" ");
    for (const c of commands(regs)) {
      const conn = unwrap(c.wireInputs.connection);
      const expected = c.name.startsWith("ha-pi-bootstrap-") ? freshBox : configKey;
      expect(unwrap(conn.hostKey)).toBe(expected);
      expect(unwrap(conn.user)).toBe(c.name.startsWith("ha-pi-bootstrap-") ? "root" : "hhadmin");
    }
  });

  test("the bootstrap phase ignores every input change but triggers, so later ups never use the closed bootstrap login", () => {
    for (const c of commands(regs)) {
      if (c.name.startsWith("ha-pi-bootstrap-")) {
        expect(c.ignoreChanges).toEqual(expect.arrayContaining(["connection", "create", "stdin"]));
        expect(c.ignoreChanges).not.toContain("triggers");
      } else {
        expect(c.ignoreChanges).toEqual([]);
      }
    }
  });

  test("order: bootstrap steps, then a new admin login, then admin-managed steps, then a second login, then closing the bootstrap way in", () => {
    const get = (n: string) => byName(regs, `ha-pi-${n}`);
    const verify = get("verify-login");
    for (const c of commands(regs).filter((x) => x.name.startsWith("ha-pi-bootstrap-"))) {
      expect(dependsTransitively(regs, verify, c)).toBe(true);
    }
    for (const n of ["packages", "admin-user", "host-key-ed25519", "host-key-rsa", "moduli", "sshd-config", "homeassistant-user"]) {
      expect(dependsTransitively(regs, get(n), verify)).toBe(true);
    }
    for (const prefix of ["bootstrap-", ""]) {
      for (const n of ["host-key-ed25519", "host-key-rsa", "admin-user", "moduli", "packages"]) {
        expect(dependsTransitively(regs, get(`${prefix}sshd-config`), get(`${prefix}${n}`))).toBe(true);
      }
    }
    const final = get("verify-admin-login");
    expect(dependsTransitively(regs, final, get("sshd-config"))).toBe(true);
    expect(dependsTransitively(regs, get("close-bootstrap"), final)).toBe(true);
  });

  test("a change that could cut the admin off comes after every other admin step, so its rollback timer never waits on a package install or AIDE's first scan", () => {
    const get = (n: string) => byName(regs, `ha-pi-${n}`);
    for (const n of ["lockdown-packages", "lockdown-aide-init", "updates-packages", "update-timers", "homeassistant-user"]) {
      expect({ n, before: dependsTransitively(regs, get("firewall"), get(n)) }).toEqual({ n, before: true });
    }
  });

  test("each create script starts with its step manifest, and payloads travel on stdin", () => {
    for (const c of commands(regs)) {
      const manifest = decodeManifest(unwrap(c.wireInputs.create));
      expect(manifest).toBeDefined();
      expect(manifest!.host).toBe("ha-pi");
    }
    const admin = decodeUserSpec(unwrap(byName(regs, "ha-pi-admin-user").wireInputs.stdin));
    expect(admin).toMatchObject({ name: "hhadmin", sudo: true, groups: ["sudo"] });
    expect(admin.authorizedKeys).toHaveLength(2);
    const ha = decodeUserSpec(unwrap(byName(regs, "ha-pi-homeassistant-user").wireInputs.stdin));
    expect(ha).toMatchObject({ name: "homeassistant", system: true, sudo: false, groups: [], shell: "/usr/sbin/nologin", authorizedKeys: [] });
  });

  test("private keys stay secret: connection keys and host-key stdin are secret, and the host-key steps keep their outputs secret and unlogged", () => {
    const k = keys();
    for (const c of commands(regs)) {
      const create = JSON.stringify(c.wireInputs.create);
      for (const secret of [k.bootstrap.privateKey, k.automation.privateKey, k.hostEd25519.privateKey, k.hostRsa.privateKey]) {
        expect(create).not.toContain(secret.split("\n")[1]);
      }
    }
    for (const kind of ["ed25519", "rsa"]) {
      for (const prefix of ["bootstrap-", ""]) {
        const c = byName(regs, `ha-pi-${prefix}host-key-${kind}`);
        expect(isSecretWire(c.wireInputs.stdin)).toBe(true);
        expect(c.additionalSecretOutputs).toEqual(expect.arrayContaining(["stdin", "stdout", "stderr", "connection"]));
        expect(c.wireInputs.logging).toBe("none");
      }
    }
  });

  test("the stack outputs hold the admin connection and host key fingerprint, and nothing secret", async () => {
    const host = outputs!.hosts["ha-pi"];
    const conn = await inspectOutput(host.adminConnection);
    expect(conn.secret).toBe(false);
    expect(conn.value).toEqual({ host: "192.168.1.20", port: 22, user: "hhadmin", hostKey: keys().hostEd25519.publicKey.split(" ").slice(0, 2).join(" ") });
    const fp = await inspectOutput(host.hostKeyFingerprint);
    expect(fp.value).toMatch(/^SHA256:/);
  });
});

describe("runProgram variants", () => {
  test("a non-root bootstrap user escalates every bootstrap step with sudo -n, and verify-login runs unescalated to prove sudo itself", async () => {
    const r = await record([validHost({ bootstrap: { ...(validHost().bootstrap as object), user: "pi" } })]);
    expect(r.error).toBeUndefined();
    for (const c of commands(r.registrations)) {
      const body = unwrap(c.wireInputs.create).split("\n").slice(1).join("\n");
      if (c.name.includes("verify")) expect(body.startsWith("bash -c ")).toBe(true);
      else expect(body.startsWith("sudo -n -- bash -c ")).toBe(true);
    }
    expect(r.registrations.some((x) => x.name === "ha-pi-close-bootstrap")).toBe(true);
  });

  test("when the bootstrap user is the admin, no close-bootstrap step exists (the admin's key file is managed instead)", async () => {
    const r = await record([validHost({ bootstrap: { ...(validHost().bootstrap as object), user: "hhadmin" } })]);
    expect(r.error).toBeUndefined();
    expect(r.registrations.some((x) => x.name === "ha-pi-close-bootstrap")).toBe(false);
  });

  const opaqueHost = (extra: Record<string, unknown> = {}) =>
    validHost({
      automationKey: opaqueSecret("v1:AAAA"),
      hostKeys: { ed25519: opaqueSecret("v1:BBBB"), rsa: opaqueSecret("v1:CCCC"), ...extra },
      bootstrap: { ...(validHost().bootstrap as object), privateKey: opaqueSecret("v1:DDDD") },
    });

  test("opaque secure: values (offline check) register the same graph, with the admin connection unknown rather than invented", async () => {
    const r = await record([opaqueHost()], { preview: true });
    expect(r.error).toBeUndefined();
    expect(commands(r.registrations).map((c) => c.name)).toEqual(commands((await record([validHost()])).registrations).map((c) => c.name));
    // @pulumi/command applies defaults to `connection`, so one unknown field makes the whole connection unknown.
    expect(unwrap(byName(r.registrations, "ha-pi-verify-login").wireInputs.connection)).toBe(UNKNOWN_SENTINEL);
    const bootstrapPackages = byName(r.registrations, "ha-pi-bootstrap-packages");
    expect(unwrap(unwrap(bootstrapPackages.wireInputs.connection).hostKey)).toMatch(/^ssh-ed25519 /);
    expect(privateKeySecret(bootstrapPackages)).toBe(true);
  });

  test("with the plain public copy hostKeys.ed25519Public, the offline graph pins the admin connection to it", async () => {
    const pub = keys().hostEd25519.publicKey;
    const r = await record([opaqueHost({ ed25519Public: pub })], { preview: true });
    expect(r.error).toBeUndefined();
    const verify = byName(r.registrations, "ha-pi-verify-login");
    expect(unwrap(unwrap(verify.wireInputs.connection).hostKey)).toBe(pub.split(" ").slice(0, 2).join(" "));
    expect(privateKeySecret(verify)).toBe(true);
  });

  test("a public copy that does not match its private key is a config error naming the key", async () => {
    const r = await record([validHost({ hostKeys: { ...(validHost().hostKeys as object), ed25519Public: keys().automation.publicKey } })]);
    expect(r.registrations).toHaveLength(0);
    expect((r.error as Error).message).toContain("ha-hardened-host:hosts[0].hostKeys.ed25519Public: must be the public half of hostKeys.ed25519");
  });

  test("bumping generation replays everything: phase 1 under new names (fresh bootstrap inputs, since ignoreChanges would keep the old box's), phase 2 by triggers", async () => {
    const r = await record([validHost({ generation: 2 })]);
    expect(r.error).toBeUndefined();
    const names = commands(r.registrations).map((c) => c.name);
    expect(names).toContain("ha-pi-bootstrap-g2-sshd-config");
    expect(names.some((n) => /^ha-pi-bootstrap-(?!g2-)/.test(n))).toBe(false);
    for (const c of commands(r.registrations)) expect(c.wireInputs.triggers).toEqual([2]);
  });

  test("a step with a read-back keeps its second trigger from the state while the host matches the stack, and gets a new one (a re-run) exactly when drift was found", async () => {
    const ha = { image: `ghcr.io/home-assistant/home-assistant:2026.11.0@sha256:${"ab".repeat(32)}`, owner: { name: "Alex", username: "alex", password: "correct horse battery" } };
    const m = configMap([validHost({ homeAssistant: ha })], true);
    const source = () => configSourceFromMap(m.config, m.secretKeys);
    const owner = (rs: RecordedRegistration[]) => byName(rs, "ha-pi-ha-owner");
    const inStep = await recordProgram(() => runProgram(source()), m);
    expect(owner(inStep.registrations).wireInputs.triggers).toEqual([1, IN_STEP_WITH_STACK]);
    expect(owner(inStep.registrations).ignoreChanges).toEqual([READ_BACK_TRIGGER]);
    const drifted = await recordProgram(() => runProgram(source(), new Map([["ha-pi", new Map([["ha-owner", ["ip_ban_enabled is false, the stack says true"]]])]])), m);
    expect(owner(drifted.registrations).wireInputs.triggers).toEqual([1, expect.stringMatching(/^drift repaired at \d{4}-/)]);
    expect(owner(drifted.registrations).ignoreChanges).toEqual([]);
    // Only that step: the generation still replays everything, and no other step carries a second trigger.
    for (const c of commands(drifted.registrations).filter((c) => c.name !== "ha-pi-ha-owner")) expect(c.wireInputs.triggers).toEqual([1]);
  });

  test("the program as pulumi runs it reads hosts back only in an update, never in a preview, and a drifted host gets its step re-run", async () => {
    const ha = { image: `ghcr.io/home-assistant/home-assistant:2026.11.0@sha256:${"ab".repeat(32)}`, owner: { name: "Alex", username: "alex", password: "correct horse battery" } };
    const m = configMap([validHost({ homeAssistant: ha }), validHost({ name: "ha-mini", address: "192.168.1.21" })], true);
    const asked: string[] = [];
    const store = httpReadBack({ store: JSON.stringify({ version: 3, data: { stable: { server_port: 8123, ip_ban_enabled: false, login_attempts_threshold: 5 }, pending: null } }) });
    const read = async (t: { host: string }) => (asked.push(t.host), { code: 0, stdout: store, stderr: "" });
    const run = (preview: boolean) => recordProgram(() => runProgramReadingBack(configSourceFromMap(m.config, m.secretKeys), read), { ...m, preview });
    const previewed = await run(true);
    expect(previewed.error).toBeUndefined();
    expect(asked).toEqual([]);
    expect(byName(previewed.registrations, "ha-pi-ha-owner").wireInputs.triggers).toEqual([1, IN_STEP_WITH_STACK]);
    const updated = await run(false);
    expect(updated.error).toBeUndefined();
    // Only the host with something to read back is contacted.
    expect(asked).toEqual(["192.168.1.20"]);
    expect(byName(updated.registrations, "ha-pi-ha-owner").wireInputs.triggers).toEqual([1, expect.stringMatching(/^drift repaired at /)]);
  });

  test("bad config registers nothing and fails with a RunError whose message names the key (no stack trace from the CLI)", async () => {
    const r = await record([validHost({ address: "not an address!" })]);
    expect(r.registrations).toHaveLength(0);
    expect(ConfigError.isInstance(r.error)).toBe(true);
    expect(RunError.isInstance(r.error)).toBe(true);
    expect((r.error as Error).message).toContain("ha-hardened-host:hosts[0].address: must be an IPv4/IPv6 address or a DNS name");
  });
});
