import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as QRCode from "qrcode";
import { vpnSchema } from "../../../src/concerns/vpn/config";
import { OWN_KEY_PLACEHOLDER, renderClientConfig } from "../../../src/concerns/vpn/renderClientConfig";
import { renderServerConfig } from "../../../src/concerns/vpn/renderServerConfig";
import { evaluatePeerAllowedIps } from "../../../src/concerns/vpn/evaluatePeerAllowedIps";
import { PHONE, PSK, rawVpn, SERVER, TABLET } from "./vpnTestFixtures";

const vpn = (o: Record<string, unknown> = {}) => vpnSchema.parse(rawVpn(o));

/** wg-quick's own parser on a rendered config (`wg-quick strip` reads it as it would on `up`). */
function wgQuickStrip(text: string): { status: number | null; stdout: string; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wg-render-"));
  try {
    fs.writeFileSync(path.join(dir, "wgt0.conf"), text, { mode: 0o600 });
    const r = spawnSync("wg-quick", ["strip", path.join(dir, "wgt0.conf")], { encoding: "utf8" });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("renderServerConfig", () => {
  test("wg0.conf: the host's addresses, port and key, each peer a /32 and a /128 by id, which wg-quick accepts", () => {
    const text = renderServerConfig(vpn());
    expect(text).toContain("Address = 10.77.0.1/24, fdb4:e7f2:3c19:77::1/64\nListenPort = 51820\nPrivateKey = " + SERVER.privateKey);
    expect(text).toContain(`# phone\n[Peer]\nPublicKey = ${PHONE.publicKey}\nPresharedKey = ${PSK}\nAllowedIPs = 10.77.0.2/32, fdb4:e7f2:3c19:77::2/128`);
    expect(text).toContain(`# tablet\n[Peer]\nPublicKey = ${TABLET.publicKey}\nPresharedKey = ${PSK}\nAllowedIPs = 10.77.0.3/32, fdb4:e7f2:3c19:77::3/128`);
    expect(text).not.toContain(PHONE.privateKey);
    expect(evaluatePeerAllowedIps("h", text)).toEqual([]);
    const strip = wgQuickStrip(text);
    expect(strip.stderr).toBe("");
    expect(strip.status).toBe(0);
    expect(strip.stdout).not.toMatch(/Address/);
  });
});

describe("renderClientConfig", () => {
  test("split tunnel by default: only the host's two addresses, short enough for a scannable QR code", () => {
    const v = vpn();
    const text = renderClientConfig(v, v.peers[0], ["192.168.1.0/24"]);
    expect(text).toBe(
      [
        "[Interface]",
        `PrivateKey = ${PHONE.privateKey}`,
        "Address = 10.77.0.2/32, fdb4:e7f2:3c19:77::2/128",
        "",
        "[Peer]",
        `PublicKey = ${SERVER.publicKey}`,
        `PresharedKey = ${PSK}`,
        "Endpoint = home.example.org:51820",
        "AllowedIPs = 10.77.0.1/32, fdb4:e7f2:3c19:77::1/128",
        "PersistentKeepalive = 25",
        "",
      ].join("\n"),
    );
    expect(text.length).toBeLessThan(400);
    expect(wgQuickStrip(text).status).toBe(0);
  });

  test("the LAN when forwarded, DNS by choice, and a full tunnel always carries ::/0", () => {
    const v = vpn({ forwardToLan: true, dns: ["192.168.1.1"], peers: [{ ...rawVpn().peers[0], fullTunnel: true }, rawVpn().peers[1]] });
    expect(renderClientConfig(v, v.peers[1], ["192.168.1.0/24"])).toContain("AllowedIPs = 10.77.0.1/32, fdb4:e7f2:3c19:77::1/128, 192.168.1.0/24\n");
    const full = renderClientConfig(v, v.peers[0], ["192.168.1.0/24"]);
    expect(full).toContain("AllowedIPs = 0.0.0.0/0, ::/0\n");
    expect(full).toContain("DNS = 192.168.1.1\n");
  });

  test("even with DNS and the LAN, a split-tunnel config fits a QR code of version 15 (77 modules), which phones scan", () => {
    const v = vpn({ forwardToLan: true, dns: ["192.168.1.1"] });
    expect(QRCode.create(renderClientConfig(v, v.peers[0], ["192.168.1.0/24"]), { errorCorrectionLevel: "M" }).version).toBeLessThanOrEqual(15);
  });

  test("a device that brought its own key gets a placeholder line, and no private key of anyone", () => {
    const v = vpn();
    const text = renderClientConfig(v, v.peers[1], []);
    expect(text).toContain(`[Interface]\n${OWN_KEY_PLACEHOLDER}\n`);
    expect(text).not.toContain(SERVER.privateKey);
    expect(text).not.toContain(PHONE.privateKey);
  });
});
