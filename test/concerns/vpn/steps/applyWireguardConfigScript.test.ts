import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { remoteScript } from "../../../../src/core/remoteScript";
import { vpnSchema } from "../../../../src/concerns/vpn/config";
import { renderServerConfig } from "../../../../src/concerns/vpn/renderServerConfig";
import { VPN_PATHS } from "../../../../src/concerns/vpn/vpnPaths";
import { VPN_ROLLBACK } from "../../../../src/concerns/vpn/vpnRollback";
import { HOST_PATHS } from "../../../../src/core/hostPaths";
import { APPLY_WIREGUARD_CONFIG_SCRIPT } from "../../../../src/concerns/vpn/steps/applyWireguardConfigScript";
import { IsolatedHost } from "../../../support/isolatedHost";
import { rawVpn } from "../vpnTestFixtures";

/**
 * The real wg-quick (strip) in an isolated /etc; systemctl, systemd-run, ip and wg are doubles that keep the
 * "running" interface's config in a state folder (`systemctl restart` loads the file, `wg syncconf` loads what it
 * is given; a `syncconf-fails` file there makes it fail) and an armed timer as a file named after its unit.
 */
function fakes(): { bin: string; state: string; log: () => string[]; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-wg-fakes-"));
  const bin = path.join(dir, "bin");
  const state = path.join(dir, "state");
  fs.mkdirSync(bin);
  fs.mkdirSync(state);
  const write = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/bash\necho "${name} $*" >> '${state}/log'\n${body}\n`, { mode: 0o755 });
  write("systemctl", `args=(); for a in "$@"; do case $a in --quiet|--) ;; *) args+=("$a");; esac; done
case \${args[0]} in
  is-active) case \${args[1]} in *.timer) [ -e "${state}/\${args[1]}" ];; *) [ -e '${state}/live' ];; esac;;
  stop) rm -f "${state}/\${args[1]}";;
  restart) wg-quick strip "\${args[1]#wg-quick@}" > '${state}/live';;
  *) exit 0;;
esac`);
  write("systemd-run", `for a in "$@"; do case $a in --unit=*) touch '${state}'/"\${a#--unit=}.timer";; esac; done`);
  write("ip", `[ "$1 $2" = "link show" ] && { [ -e '${state}/live' ] || exit 1; }; exit 0`);
  write("wg", `case "$1 $3" in
  "syncconf "*) [ ! -e '${state}/syncconf-fails' ] || exit 1; cat "$3" > '${state}/live';;
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
        args: [VPN_PATHS.config, VPN_PATHS.interface, VPN_PATHS.unit, "51820", HOST_PATHS.stateDir, VPN_ROLLBACK.unit, String(VPN_ROLLBACK.seconds)],
        user: "root",
      }),
      text,
    );
  const calls = () => f.log().filter((l) => /^(systemctl (restart|enable)|wg syncconf)/.test(l));
  const state = (name: string) => `${HOST_PATHS.stateDir}/${name}`;
  const armed = () => fs.existsSync(path.join(f.state, `${VPN_ROLLBACK.unit}.timer`));
  /** The new login's part: it disarms the timer and runs the confirm script the apply left. */
  const confirm = () => {
    fs.rmSync(path.join(f.state, `${VPN_ROLLBACK.unit}.timer`), { force: true });
    return host.run(`/bin/sh ${state("vpn-confirm.sh")}`);
  };

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
    expect(armed()).toBe(false); // no tunnel existed that the admin could be on
  });

  test("the same config again changes nothing and touches no tunnel", () => {
    fs.rmSync(path.join(f.state, "log"));
    expect(apply(renderServerConfig(one)).stdout).toBe(`unchanged ${VPN_PATHS.config}\n`);
    expect(calls()).toEqual([`systemctl enable --quiet ${VPN_PATHS.unit}`]);
  });

  test("a new peer is synced into the running interface, never a restart, under an armed rollback", () => {
    fs.rmSync(path.join(f.state, "log"));
    const r = apply(renderServerConfig(two));
    expect(r.stdout).toBe(`changed ${VPN_PATHS.config} (synced)\nrollback armed for ${VPN_ROLLBACK.seconds} s until a new login confirms it\n`);
    expect(calls()).toEqual([`systemctl enable --quiet ${VPN_PATHS.unit}`, expect.stringMatching(/^wg syncconf wg0 \/dev\/fd\/\d+$/)]);
    expect(f.log()).toContainEqual(expect.stringMatching(new RegExp(`^systemd-run --quiet --unit=${VPN_ROLLBACK.unit} --on-active=${VPN_ROLLBACK.seconds} `)));
    expect(host.run(`stat -c '%a %U' ${state("vpn-previous.conf")}`).stdout).toBe("600 root\n"); // it holds the private key
    expect(host.read(state("vpn-previous.conf"))).toBe(renderServerConfig(one));
  });

  test("the rollback, fired as the timer would, restores the previous config, restarts the tunnel and leaves its marker", () => {
    fs.rmSync(path.join(f.state, "log"));
    const r = host.run(`/bin/sh ${state("vpn-rollback.sh")}`);
    expect(r.status).toBe(0);
    expect(host.read(VPN_PATHS.config)).toBe(renderServerConfig(one));
    expect(calls()).toEqual([`systemctl restart ${VPN_PATHS.unit}`]);
    expect(host.read(state("vpn-rolled-back"))).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(host.run(`test -e ${state("vpn-confirm.sh")}`).status).toBe(1); // nothing left to confirm
  });

  test("re-applied and confirmed by a new login, the change stays and the old config (with its key) is gone", () => {
    fs.rmSync(path.join(f.state, `${VPN_ROLLBACK.unit}.timer`), { force: true });
    expect(apply(renderServerConfig(two)).status).toBe(0);
    expect(host.run(`test -e ${state("vpn-rolled-back")}`).status).toBe(1);
    expect(confirm().status).toBe(0);
    expect(host.read(VPN_PATHS.config)).toBe(renderServerConfig(two));
    expect(host.run(`ls ${HOST_PATHS.stateDir}`).stdout.split("\n")).not.toContain("vpn-previous.conf");
  });

  test("a change that fails to apply is restored at once, not after the timer, and says so", () => {
    fs.writeFileSync(path.join(f.state, "syncconf-fails"), "");
    try {
      const r = apply(renderServerConfig(one));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`wg syncconf wg0 failed; the previous wg0 config was restored`);
      expect(host.read(VPN_PATHS.config)).toBe(renderServerConfig(two));
      expect(armed()).toBe(false);
      expect(host.run(`test -e ${state("vpn-rolled-back")}`).status).toBe(1);
    } finally {
      fs.rmSync(path.join(f.state, "syncconf-fails"));
    }
  });

  test("an earlier change no login confirmed keeps its snapshot, so a rollback goes back to the last confirmed config", () => {
    expect(apply(renderServerConfig(one)).status).toBe(0); // armed, snapshot: two
    expect(apply(renderServerConfig(vpnSchema.parse(rawVpn({ peers: [rawVpn().peers[1]] })))).stderr).toContain("an earlier unconfirmed wg0 change is still armed; keeping its snapshot");
    expect(host.read(state("vpn-previous.conf"))).toBe(renderServerConfig(two));
    expect(confirm().status).toBe(0);
    expect(apply(renderServerConfig(two)).status).toBe(0);
    expect(confirm().status).toBe(0);
  });

  test("new tunnel addresses (wg-quick's own settings) restart it", () => {
    fs.rmSync(path.join(f.state, "log"));
    const r = apply(renderServerConfig(vpnSchema.parse(rawVpn({ subnet4: "10.78.0.0/24" }))));
    expect(r.stdout).toBe(`changed ${VPN_PATHS.config} (restarted)\nrollback armed for ${VPN_ROLLBACK.seconds} s until a new login confirms it\n`);
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
