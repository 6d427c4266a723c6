import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { remoteScript } from "../../../../src/core/remoteScript";
import { vpnSchema } from "../../../../src/concerns/vpn/config";
import { renderServerConfig } from "../../../../src/concerns/vpn/renderServerConfig";
import { VPN_PATHS } from "../../../../src/concerns/vpn/vpnPaths";
import { APPLY_WIREGUARD_CONFIG_SCRIPT } from "../../../../src/concerns/vpn/steps/applyWireguardConfigScript";
import { IsolatedHost } from "../../../support/isolatedHost";
import { rawVpn } from "../vpnTestFixtures";

/**
 * The real wg-quick (strip) in an isolated /etc; systemctl, ip and wg are doubles that keep the "running"
 * interface's config in a state folder: `systemctl restart` loads the file, `wg syncconf` loads what it is given.
 */
function fakes(): { bin: string; state: string; log: () => string[]; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-wg-fakes-"));
  const bin = path.join(dir, "bin");
  const state = path.join(dir, "state");
  fs.mkdirSync(bin);
  fs.mkdirSync(state);
  const write = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/bash\necho "${name} $*" >> '${state}/log'\n${body}\n`, { mode: 0o755 });
  write("systemctl", `args=(); for a in "$@"; do case $a in --quiet) ;; *) args+=("$a");; esac; done
case \${args[0]} in
  is-active) [ -e '${state}/live' ];;
  restart) wg-quick strip "\${args[1]#wg-quick@}" > '${state}/live';;
  *) exit 0;;
esac`);
  write("ip", `[ "$1 $2" = "link show" ] && { [ -e '${state}/live' ] || exit 1; }; exit 0`);
  write("wg", `case "$1 $3" in
  "syncconf "*) cat "$3" > '${state}/live';;
  "show listen-port") sed -n 's/^ListenPort = //p' '${state}/live';;
  "show peers") sed -n 's/^PublicKey = //p' '${state}/live';;
esac`);
  const log = () => (fs.existsSync(path.join(state, "log")) ? fs.readFileSync(path.join(state, "log"), "utf8").trim().split("\n") : []);
  return { bin, state, log, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

describe("vpn-config apply script (the real wg-quick strip; systemd, ip and wg doubled)", () => {
  let host: IsolatedHost;
  let f: ReturnType<typeof fakes>;
  const apply = (text: string) =>
    host.run(
      remoteScript({
        manifest: { kind: "wireguard-config", host: "t", path: VPN_PATHS.config, interface: VPN_PATHS.interface },
        step: "t-vpn-config",
        script: APPLY_WIREGUARD_CONFIG_SCRIPT,
        args: [VPN_PATHS.config, VPN_PATHS.interface, VPN_PATHS.unit, "51820"],
        user: "root",
      }),
      text,
    );
  const calls = () => f.log().filter((l) => /^(systemctl (restart|enable)|wg syncconf)/.test(l));

  beforeAll(() => {
    f = fakes();
    host = new IsolatedHost([f.bin]);
  });
  afterAll(() => {
    host.cleanup();
    f.cleanup();
  });

  const one = vpnSchema.parse(rawVpn({ peers: [rawVpn().peers[0]] }));
  const two = vpnSchema.parse(rawVpn());

  test("first apply: installed 0600 root in a 0700 folder, enabled and started", () => {
    const r = apply(renderServerConfig(one));
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`changed ${VPN_PATHS.config} (started)\n`);
    expect(host.run(`stat -c '%a %U %G' ${VPN_PATHS.config} /etc/wireguard`).stdout).toBe("600 root root\n700 root root\n");
    expect(calls()).toEqual([`systemctl enable --quiet ${VPN_PATHS.unit}`, `systemctl restart ${VPN_PATHS.unit}`]);
  });

  test("the same config again changes nothing and touches no tunnel", () => {
    fs.rmSync(path.join(f.state, "log"));
    expect(apply(renderServerConfig(one)).stdout).toBe(`unchanged ${VPN_PATHS.config}\n`);
    expect(calls()).toEqual([`systemctl enable --quiet ${VPN_PATHS.unit}`]);
  });

  test("a new peer is synced into the running interface, never a restart", () => {
    fs.rmSync(path.join(f.state, "log"));
    const r = apply(renderServerConfig(two));
    expect(r.stdout).toBe(`changed ${VPN_PATHS.config} (synced)\n`);
    expect(calls()).toEqual([`systemctl enable --quiet ${VPN_PATHS.unit}`, expect.stringMatching(/^wg syncconf wg0 \/dev\/fd\/\d+$/)]);
  });

  test("new tunnel addresses (wg-quick's own settings) restart it", () => {
    fs.rmSync(path.join(f.state, "log"));
    const r = apply(renderServerConfig(vpnSchema.parse(rawVpn({ subnet4: "10.78.0.0/24" }))));
    expect(r.stdout).toBe(`changed ${VPN_PATHS.config} (restarted)\n`);
    expect(calls()).toEqual([`systemctl enable --quiet ${VPN_PATHS.unit}`, `systemctl restart ${VPN_PATHS.unit}`]);
  });

  test("a config wg-quick rejects never replaces the running one, and the failure names host, step and fix", () => {
    const before = host.read(VPN_PATHS.config);
    const r = apply(renderServerConfig(two).replace("[Interface]\n", "[Interface]\nSaveConfig = maybe\n"));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("ha-hardened-host: host t, step t-vpn-config: wg-quick rejects the rendered wg0 config:");
    expect(r.stderr).toContain("fix: correct the vpn settings in the stack config, then run pulumi up again");
    expect(host.read(VPN_PATHS.config)).toBe(before);
  });
});
