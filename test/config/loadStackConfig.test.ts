import { configSourceFromMap } from "../../src/core/configSource";
import { ConfigError } from "../../src/core/configError";
import { loadStackConfig } from "../../src/config/loadStackConfig";
import { opaqueSecret } from "../../src/core/opaqueSecret";
import { runProgram } from "../../src/program";
import { configMap, keys, validHost } from "../support/keyFixtures";
import { recordProgram } from "../support/recordProgram";

function load(hosts: unknown[], secret = true) {
  const m = configMap(hosts, secret);
  return loadStackConfig(configSourceFromMap(m.config, m.secretKeys));
}

function problemsOf(hosts: unknown[], secret = true): string[] {
  try {
    load(hosts, secret);
  } catch (e) {
    if (!ConfigError.isInstance(e)) throw e;
    return e.problems.map((p) => `${p.key}: ${p.message}`);
  }
  throw new Error("expected a ConfigError");
}

const h = (o: Record<string, unknown>) => validHost(o);
const base = () => validHost() as any;

describe("loadStackConfig", () => {
  test("a valid host loads with the documented defaults applied", () => {
    const c = load([validHost()]);
    expect(c.hosts[0]).toMatchObject({ sshPort: 22, os: "debian-13", generation: 1, sshd: { allowTcpForwarding: "local", extraSettings: {} } });
    expect(c.uncheckedSecrets).toEqual([]);
  });

  const bad: [string, () => unknown[], string][] = [
    ["address that is neither an IP nor a DNS name", () => [h({ address: "192.168.1" })], "ha-hardened-host:hosts[0].address: must be an IPv4/IPv6 address or a DNS name"],
    ["port out of range", () => [h({ sshPort: 70000 })], "ha-hardened-host:hosts[0].sshPort: must be a port number between 1 and 65535"],
    ["bootstrap port zero", () => [h({ bootstrap: { ...base().bootstrap, port: 0 } })], "ha-hardened-host:hosts[0].bootstrap.port: must be a port number between 1 and 65535"],
    ["host name with capitals", () => [h({ name: "HA_pi" })], "ha-hardened-host:hosts[0].name: must be 1-31 lowercase letters"],
    ["duplicate host names", () => [validHost(), h({ address: "192.168.1.21" })], 'ha-hardened-host:hosts[1].name: must be unique, but "ha-pi" is also hosts[0].name'],
    ["unknown os", () => [h({ os: "fedora" })], 'ha-hardened-host:hosts[0].os: must be one of debian-13, debian-12, raspios-13, raspios-12, ubuntu-24.04, not "fedora"'],
    ["admin named root", () => [h({ admin: { ...base().admin, user: "root" } })], "ha-hardened-host:hosts[0].admin.user: must not be root"],
    ["admin named homeassistant", () => [h({ admin: { ...base().admin, user: "homeassistant" } })], "ha-hardened-host:hosts[0].admin.user: must not be homeassistant"],
    ["no admin key", () => [h({ admin: { ...base().admin, authorizedKeys: [] } })], "ha-hardened-host:hosts[0].admin.authorizedKeys: must have at least one key"],
    ["ECDSA admin key", () => [h({ admin: { ...base().admin, authorizedKeys: ["ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY= x"] } })], "ha-hardened-host:hosts[0].admin.authorizedKeys[0]: must be an authorized_keys line starting with one of ssh-ed25519"],
    ["RSA 2048 admin key", () => [h({ admin: { ...base().admin, authorizedKeys: [keys().rsa2048.publicKey] } })], "ha-hardened-host:hosts[0].admin.authorizedKeys[0]: must be an RSA public key of at least 3072 bits, not 2048"],
    ["RSA 2048 automation key", () => [h({ automationKey: keys().rsa2048.privateKey })], "ha-hardened-host:hosts[0].automationKey: must be an RSA private key of at least 3072 bits, not 2048"],
    ["RSA key given as the Ed25519 host key", () => [h({ hostKeys: { ...base().hostKeys, ed25519: keys().hostRsa.privateKey } })], "ha-hardened-host:hosts[0].hostKeys.ed25519: must be an Ed25519 private key, not RSA"],
    ["a public key where a private key belongs", () => [h({ automationKey: keys().automation.publicKey })], "ha-hardened-host:hosts[0].automationKey: must be an OpenSSH private key"],
    ["a truncated private key", () => [h({ automationKey: keys().automation.privateKey.slice(0, 120) + "\n-----END OPENSSH PRIVATE KEY-----\n" })], "ha-hardened-host:hosts[0].automationKey: must be a complete OpenSSH private key"],
    ["an RSA bootstrap host key (pinning it would force SHA-1 ssh-rsa)", () => [h({ bootstrap: { ...base().bootstrap, hostKey: keys().hostRsa.publicKey } })], "ha-hardened-host:hosts[0].bootstrap.hostKey: must be an authorized_keys line starting with one of ssh-ed25519, ecdsa-sha2-nistp256"],
    ["a LAN CIDR with host bits", () => [h({ lanCidrs: ["192.168.1.7/24"] })], "ha-hardened-host:hosts[0].lanCidrs[0]: must be a network address (host bits zero), e.g. 192.168.1.0/24"],
    ["a LAN CIDR prefix too long", () => [h({ lanCidrs: ["10.0.0.0/33"] })], "ha-hardened-host:hosts[0].lanCidrs[0]: must have a prefix length of 0-32, not /33"],
    ["an unknown key in a host", () => [h({ adress: "x" })], "ha-hardened-host:hosts[0].adress: is not a known setting"],
    ["AllowUsers without the admin (lockout)", () => [h({ sshd: { extraSettings: { AllowUsers: "alice bob@10.0.0.1" } } })], "ha-hardened-host:hosts[0].sshd.extraSettings.AllowUsers: must include the admin user hhadmin, or the admin is locked out"],
    ["DenyUsers matching the admin (lockout)", () => [h({ sshd: { extraSettings: { DenyUsers: "hh*" } } })], "ha-hardened-host:hosts[0].sshd.extraSettings.DenyUsers: must not match the admin user hhadmin"],
    ["AllowGroups without the admin's groups (lockout)", () => [h({ sshd: { extraSettings: { AllowGroups: "wheel" } } })], "ha-hardened-host:hosts[0].sshd.extraSettings.AllowGroups: must include the admin's group hhadmin or sudo"],
    ["PubkeyAuthentication off (lockout)", () => [h({ sshd: { extraSettings: { PubkeyAuthentication: "no" } } })], "ha-hardened-host:hosts[0].sshd.extraSettings.PubkeyAuthentication: must stay yes"],
    ["AuthenticationMethods requiring a password too (lockout)", () => [h({ sshd: { extraSettings: { AuthenticationMethods: "publickey,password" } } })], "ha-hardened-host:hosts[0].sshd.extraSettings.AuthenticationMethods: must allow publickey on its own"],
    ["AuthorizedKeysFile moved away (lockout)", () => [h({ sshd: { extraSettings: { AuthorizedKeysFile: "/etc/ssh/keys/%u" } } })], "ha-hardened-host:hosts[0].sshd.extraSettings.AuthorizedKeysFile: must keep .ssh/authorized_keys"],
    ["Port in extraSettings", () => [h({ sshd: { extraSettings: { Port: "2222" } } })], "ha-hardened-host:hosts[0].sshd.extraSettings.Port: must not be set in extraSettings: set sshPort instead"],
    ["a Match block in extraSettings", () => [h({ sshd: { extraSettings: { Match: "User bob" } } })], "ha-hardened-host:hosts[0].sshd.extraSettings.Match: must not be set in extraSettings"],
    ["a newline smuggled into a setting", () => [h({ sshd: { extraSettings: { Banner: "none\nPermitRootLogin yes" } } })], "ha-hardened-host:hosts[0].sshd.extraSettings.Banner: must be a non-empty single-line value"],
    ["allowTcpForwarding yes", () => [h({ sshd: { allowTcpForwarding: "yes" } })], 'ha-hardened-host:hosts[0].sshd.allowTcpForwarding: must be local or no, not "yes"'],
    ["generation zero", () => [h({ generation: 0 })], "ha-hardened-host:hosts[0].generation: must be a whole number >= 1, not 0"],
    ["a missing automation key", () => [h({ automationKey: undefined })], "ha-hardened-host:hosts[0].automationKey: is missing"],
    ["no hosts", () => [], "ha-hardened-host:hosts: must list at least one host"],
  ];

  test.each(bad)("rejects %s, naming the key and what is wrong, and the program registers nothing", async (_what, hosts, expected) => {
    const problems = problemsOf(hosts());
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp("^" + expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))]));
    const m = configMap(hosts());
    const r = await recordProgram(() => runProgram(configSourceFromMap(m.config, m.secretKeys)), m);
    expect(r.registrations).toHaveLength(0);
    expect(ConfigError.isInstance(r.error)).toBe(true);
  });

  test("reports every problem at once, one per line, across hosts", () => {
    const problems = problemsOf([h({ address: "1.2.3", sshPort: 0 }), h({ name: "b", admin: { user: "root", authorizedKeys: [] } })]);
    expect(problems.length).toBeGreaterThanOrEqual(4);
    expect(() => load([h({ address: "1.2.3", sshPort: 0 })])).toThrow(
      /^the stack config has 2 problems:\n  ha-hardened-host:hosts\[0\]\.address: .*\n  ha-hardened-host:hosts\[0\]\.sshPort: [^\n]*$/,
    );
  });

  test("never prints a secret: messages about bad private keys carry no key material", () => {
    const k = keys();
    const secrets = [k.rsa2048.privateKey, k.hostRsa.privateKey, k.automation.privateKey.slice(0, 200) + "\n-----END OPENSSH PRIVATE KEY-----\n"];
    const text = problemsOf([
      h({ automationKey: secrets[0], hostKeys: { ed25519: secrets[1], rsa: secrets[2] }, admin: { user: "hhadmin", authorizedKeys: [k.automation.privateKey] } }),
    ]).join("\n");
    for (const s of [...secrets, k.automation.privateKey]) {
      for (const line of s.split("\n").filter((l) => l.length > 20 && !l.startsWith("-----"))) expect(text).not.toContain(line);
    }
    expect(text).toContain("admin.authorizedKeys[0]: must be a public key, but a private key was given");
  });

  test("private keys in a non-secret config value are refused (they would sit in plain text in the stack file)", () => {
    expect(problemsOf([validHost()], false)).toContain(
      "ha-hardened-host:hosts[0].automationKey: must be stored as a secret (`pulumi config set --secret --path ...`), not in plain text",
    );
  });

  test("opaque secrets (offline secure: values) skip content checks and are listed as unchecked", () => {
    const c = load([h({ automationKey: opaqueSecret("v1:abc"), hostKeys: { ed25519: opaqueSecret("v1:def"), rsa: opaqueSecret("v1:ghi") } })]);
    expect(c.uncheckedSecrets).toEqual([
      "ha-hardened-host:hosts[0].automationKey",
      "ha-hardened-host:hosts[0].hostKeys.ed25519",
      "ha-hardened-host:hosts[0].hostKeys.rsa",
    ]);
  });

  test("unknown top-level keys in the namespace are reported", () => {
    const m = configMap([validHost()]);
    m.config["ha-hardened-host:host"] = "x";
    expect(() => loadStackConfig(configSourceFromMap(m.config, m.secretKeys))).toThrow(/ha-hardened-host:host: is not a known setting; the known ones are hosts/);
  });

  test("AllowUsers that includes the admin by pattern is accepted", () => {
    expect(() => load([h({ sshd: { extraSettings: { AllowUsers: "hh* alice" } } })])).not.toThrow();
  });
});
