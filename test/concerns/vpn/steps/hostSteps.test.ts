import { spawnSync } from "child_process";
import { configSourceFromMap } from "../../../../src/core/configSource";
import { decodeManifest } from "../../../../src/core/stepManifest";
import { SECRET_SIG_KEY } from "../../../../src/preview/capturedResource";
import { runProgram } from "../../../../src/program";
import { configMap, validHost } from "../../../support/keyFixtures";
import { recordProgram, RecordedRegistration } from "../../../support/recordProgram";
import { PHONE, rawVpn, SERVER } from "../vpnTestFixtures";

async function registrations(vpn: unknown): Promise<RecordedRegistration[]> {
  const m = configMap([validHost({ vpn })]);
  const r = await recordProgram(() => runProgram(configSourceFromMap(m.config, m.secretKeys)), m);
  if (r.error) throw r.error;
  return r.registrations;
}

describe("vpn hostSteps", () => {
  let regs: RecordedRegistration[];
  const get = (n: string) => regs.find((r) => r.name === `ha-pi-${n}`)!;
  beforeAll(async () => {
    regs = await registrations(rawVpn());
  });

  test("over the admin login only, after the first admin login and before the final one", () => {
    expect(regs.filter((r) => /vpn-/.test(r.name)).map((r) => r.name)).toEqual(["ha-pi-vpn-packages", "ha-pi-vpn-forwarding", "ha-pi-vpn-config"]);
    expect(get("vpn-packages").dependencies).toContain(get("verify-login").urn);
    expect(get("vpn-config").dependencies).toEqual(expect.arrayContaining([get("vpn-packages").urn, get("vpn-forwarding").urn]));
    expect(get("verify-admin-login").dependencies).toEqual(expect.arrayContaining([get("vpn-config").urn]));
  });

  test("wg0.conf travels on stdin as a secret, with no log stream and secret outputs; no key on the command line", () => {
    const c = get("vpn-config");
    expect(c.wireInputs.stdin[SECRET_SIG_KEY]).toBeDefined();
    expect(c.wireInputs.stdin.value).toContain(`PrivateKey = ${SERVER.privateKey}`);
    expect(c.wireInputs.stdin.value).not.toContain(PHONE.privateKey);
    expect(c.wireInputs.logging).toBe("none");
    expect(c.additionalSecretOutputs).toEqual(expect.arrayContaining(["stdin", "stdout", "stderr"]));
    expect(decodeManifest(c.wireInputs.create)).toEqual({ kind: "wireguard-config", host: "ha-pi", path: "/etc/wireguard/wg0.conf", interface: "wg0" });
    expect(JSON.stringify(regs.map((r) => r.wireInputs.create))).not.toContain(SERVER.privateKey.slice(0, 20));
  });

  test("every vpn script is valid bash", () => {
    for (const n of ["vpn-packages", "vpn-forwarding", "vpn-config"]) {
      const create = String(get(n).wireInputs.create);
      const body = /bash -c '([\s\S]*)' ha-step/.exec(create)![1].replace(/'\\''/g, "'");
      expect(spawnSync("bash", ["-n", "-c", body], { encoding: "utf8" }).stderr).toBe("");
    }
  });

  test("no vpn steps for a host without one; forwarding on only by choice, in the VPN's own sysctl file", async () => {
    const none = await registrations(undefined);
    expect(none.some((r) => /vpn-/.test(r.name))).toBe(false);
    const fwd = (await registrations(rawVpn({ forwardToLan: true }))).find((r) => r.name === "ha-pi-vpn-forwarding")!;
    expect(fwd.wireInputs.stdin).toBe("# Managed by ha-hardened-host: VPN devices reach the LAN through this host (vpn.forwardToLan).\nnet.ipv4.ip_forward = 1\n");
    expect(String(fwd.wireInputs.create)).toContain("'/etc/sysctl.d/60-ha-hardened-host-vpn.conf' 'on'");
    expect(String(get("vpn-forwarding").wireInputs.create)).toContain("'/etc/sysctl.d/60-ha-hardened-host-vpn.conf' 'off'");
  });
});
