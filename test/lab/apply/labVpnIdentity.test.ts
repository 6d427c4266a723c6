import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { labVpnOverrides } from "../../../src/lab/apply/labVpnIdentity";
import { isWireguardKey, wireguardPublicKeyOf } from "../../../src/concerns/vpn/wireguardKeys";

const AT = "ha-hardened-host:hosts[0].vpn";

test("the lab's VPN keys: generated once (0600), the endpoint at the lab host, a pair only for a device without its own key", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-vpn-id-"));
  try {
    const vpn = { peers: [{ name: "phone", id: 2 }, { name: "tablet", id: 3, publicKey: "own" }] };
    const a = labVpnOverrides(dir, vpn, "198.18.7.2", false);
    expect(a.plain).toEqual({ [`${AT}.endpoint`]: "198.18.7.2:51820", [`${AT}.peers[0].publicKey`]: wireguardPublicKeyOf(a.secret[`${AT}.peers[0].privateKey`]) });
    expect(Object.keys(a.secret).sort()).toEqual([`${AT}.peers[0].presharedKey`, `${AT}.peers[0].privateKey`, `${AT}.peers[1].presharedKey`, `${AT}.serverPrivateKey`]);
    expect(Object.values(a.secret).every(isWireguardKey)).toBe(true);
    for (const f of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    expect(labVpnOverrides(dir, vpn, "198.18.7.2", false)).toEqual(a);
    expect(labVpnOverrides(dir, vpn, "198.18.7.2", true).plain[`${AT}.endpoint`]).toBeUndefined();
    expect(labVpnOverrides(dir, undefined, "198.18.7.2", false)).toEqual({ plain: {}, secret: {} });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
