import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { OWN_KEY_PLACEHOLDER } from "../../src/concerns/vpn/renderClientConfig";
import { generateWireguardKeyPair, wireguardPublicKeyOf } from "../../src/concerns/vpn/wireguardKeys";
import { locateEngine } from "../../src/engine/pulumiEngine";
import { keys } from "../support/keyFixtures";

// The compiled CLI as `npm run vpn` runs it, against the real Pulumi CLI in a scratch project with its own backend.
const CLI = path.join(__dirname, "../../dist/src/cli/vpn.js");
const PASSPHRASE = "vpn-cli-test";

const STACK = `config:
  ha-hardened-host:hosts:
    - name: ha-pi
      address: 192.168.1.20
      bootstrap:
        hostKey: ${keys().freshBoxHost.publicKey.split(" ").slice(0, 2).join(" ")}
      admin:
        user: hhadmin
        authorizedKeys:
          - ${keys().adminLaptop.publicKey}
      lanCidrs:
        - 192.168.1.0/24
      vpn:
        endpoint: home.example.org:51820
`;

let dir: string;
let env: NodeJS.ProcessEnv;

function pulumi(args: string[], input = ""): void {
  const r = spawnSync("pulumi", args, { cwd: dir, env, input, encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
}

function vpn(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args, "--stack", "t"], { cwd: dir, env, encoding: "utf8", timeout: 120_000 });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-vpn-cli-"));
  fs.mkdirSync(path.join(dir, "stacks"));
  fs.mkdirSync(path.join(dir, "state"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: ha-hardened-host\nruntime: nodejs\nstackConfigDir: stacks\n");
  fs.writeFileSync(path.join(dir, "stacks", "Pulumi.t.yaml"), STACK);
  env = { ...process.env, PATH: `${locateEngine()}:${process.env.PATH}`, PULUMI_BACKEND_URL: `file://${dir}/state`, PULUMI_CONFIG_PASSPHRASE: PASSPHRASE, PULUMI_SKIP_UPDATE_CHECK: "true", HOME: dir };
  delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
  pulumi(["stack", "init", "t", "--secrets-provider", "passphrase", "--non-interactive"]);
  const k = keys();
  for (const [p, v] of [["bootstrap.privateKey", k.bootstrap.privateKey], ["automationKey", k.automation.privateKey], ["hostKeys.ed25519", k.hostEd25519.privateKey], ["hostKeys.rsa", k.hostRsa.privateKey]]) {
    pulumi(["config", "set", "--secret", "--path", `ha-hardened-host:hosts[0].${p}`, "--stack", "t"], v);
  }
}, 300_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("npm run vpn", () => {
  const tablet = generateWireguardKeyPair();
  let phoneConfig = "";

  test("add-peer stores the host's key and the device's keys as secrets, prints none of them, and config prints the device's client config", () => {
    const added = vpn(["add-peer", "phone"]);
    expect(added.stderr).not.toMatch(/error/i);
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/^stored ha-hardened-host:hosts\[0\]\.vpn\.serverPrivateKey \(secret\): the host's WireGuard identity, public key \S{43}=$/m);
    expect(added.stdout).toContain("added phone to ha-pi as peer 2 with a generated key pair");
    const printed = vpn(["config", "phone"]);
    expect(printed.status).toBe(0);
    phoneConfig = printed.stdout;
    const privateKey = /^PrivateKey = (\S+)$/m.exec(phoneConfig)![1];
    const psk = /^PresharedKey = (\S+)$/m.exec(phoneConfig)![1];
    const serverPublic = /^PublicKey = (\S+)$/m.exec(phoneConfig)![1];
    expect(added.stdout).toContain(serverPublic);
    expect(added.stdout + added.stderr).not.toContain(privateKey);
    expect(phoneConfig).toContain("Endpoint = home.example.org:51820\nAllowedIPs = 10.77.0.1/32, fdb4:e7f2:3c19:77::1/128\n");
    const stackFile = fs.readFileSync(path.join(dir, "stacks", "Pulumi.t.yaml"), "utf8");
    expect([privateKey, psk].filter((s) => stackFile.includes(s))).toEqual([]);
    const peer = (YAML.parse(stackFile) as any).config["ha-hardened-host:hosts"][0].vpn.peers[0];
    expect(peer).toMatchObject({ name: "phone", id: 2, publicKey: wireguardPublicKeyOf(privateKey) });
    expect(Object.keys(peer.privateKey)).toEqual(["secure"]);
  }, 300_000);

  test("a device that brings its own key gets a placeholder, never a private key", () => {
    expect(vpn(["add-peer", "tablet", "--public-key", tablet.publicKey]).status).toBe(0);
    const printed = vpn(["config", "tablet"]);
    expect(printed.status).toBe(0);
    expect(printed.stdout).toContain(`[Interface]\n${OWN_KEY_PLACEHOLDER}\nAddress = 10.77.0.3/32, fdb4:e7f2:3c19:77::3/128\n`);
  }, 300_000);

  test("qr shows a QR code in the terminal and writes a 0600 PNG", () => {
    const out = path.join(dir, "phone.png");
    const r = vpn(["qr", "phone", "--out", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/[▀▄█]/);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(out).subarray(0, 4).toString("latin1")).toBe("\x89PNG");
  }, 300_000);

  test("an unknown peer, or a bad public key, exits non-zero with one sentence", () => {
    const r = vpn(["config", "laptop"]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("vpn: no host of the stack has a peer named laptop (add one with npm run vpn -- add-peer laptop)");
    const bad = vpn(["add-peer", "x", "--public-key", "nope"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("--public-key must be a WireGuard public key");
  }, 300_000);
});
