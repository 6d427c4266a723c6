import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { generateWireguardKeyPair } from "../../../src/concerns/vpn/wireguardKeys";

// `npm run check` (the built CLI) on the example stack with a vpn entry whose keys are secure: values, as
// `npm run vpn -- add-peer` leaves them: the VPN item passes offline; a key pasted in plain text is refused.
const ROOT = path.resolve(__dirname, "..", "..", "..");
const CLI = path.join(ROOT, "dist", "src", "cli", "check.js");

function checkWith(vpn: Record<string, unknown>): { code: number | null; stdout: string; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-vpn-check-"));
  try {
    const js = YAML.parse(fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.example.yaml"), "utf8"));
    js.config["ha-hardened-host:hosts"][0].vpn = vpn;
    fs.writeFileSync(path.join(dir, "Pulumi.variant.yaml"), YAML.stringify(js));
    const r = spawnSync(process.execPath, [CLI, "--stack", "variant", "--stacks-dir", dir, "--json"], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const phone = generateWireguardKeyPair();
const secure = (s: string) => ({ secure: `v1:${s}` });
const vpn = (presharedKey: unknown) => ({
  endpoint: "home.example.org:51820",
  serverPrivateKey: secure("c2VydmVy"),
  peers: [{ name: "phone", id: 2, publicKey: phone.publicKey, privateKey: secure("cGhvbmU="), presharedKey }],
});

test("secure: WireGuard keys pass the offline check, and the VPN checklist item is enforced", () => {
  const r = checkWith(vpn(secure("cHNr")));
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout);
  expect(report.violations).toEqual([]);
  expect(report.checklist.find((e: any) => e.host === "ha-pi" && e.item === "remote-ui-vpn").status).toBe("pass");
}, 120_000);

test("a preshared key pasted in plain text is refused as a config error naming its key", () => {
  const r = checkWith(vpn(generateWireguardKeyPair().privateKey));
  expect(r.code).toBe(2);
  expect(r.stdout + r.stderr).toContain("ha-hardened-host:hosts[0].vpn.peers[0].presharedKey: must be stored as a secret");
}, 120_000);
