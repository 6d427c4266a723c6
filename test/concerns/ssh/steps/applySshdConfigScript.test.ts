import * as fs from "fs";
import * as path from "path";
import { OS_TABLE } from "../../../../src/core/osTable";
import { HOST_PATHS, hostKeyPath } from "../../../../src/core/hostPaths";
import { remoteScript, shellQuote } from "../../../../src/core/remoteScript";
import { renderSshdDropIn } from "../../../../src/concerns/ssh/renderSshdDropIn";
import { APPLY_SSHD_CONFIG_SCRIPT } from "../../../../src/concerns/ssh/steps/applySshdConfigScript";
import { VERIFY_LOGIN_SCRIPT } from "../../../../src/concerns/access/steps/verifyLoginScript";
import { SSHD_ROLLBACK } from "../../../../src/concerns/ssh/sshdRollback";
import { createHash } from "crypto";
import { debianTools } from "../../../support/debianTools";
import { FakeSystemd } from "../../../support/fakeSystemd";
import { IsolatedHost } from "../../../support/isolatedHost";
import { keys } from "../../../support/keyFixtures";

const UNIT = SSHD_ROLLBACK.unit;
const render = (extra: Record<string, string> = {}) =>
  renderSshdDropIn({ sshPort: 22, admin: { user: "hhadmin", authorizedKeys: [] }, sshd: { allowTcpForwarding: "local", extraSettings: extra } }, OS_TABLE["debian-12"]);

describe("sshd-config apply and verify-login scripts (real sshd -t; systemd faked)", () => {
  let host: IsolatedHost;
  let systemd: FakeSystemd;
  let sshd: string;

  const apply = (dropIn: string) =>
    host.run(
      remoteScript({
        manifest: { kind: "sshd-config", host: "t", path: HOST_PATHS.sshdDropIn },
        step: "t-sshd-config",
        script: APPLY_SSHD_CONFIG_SCRIPT,
        args: [HOST_PATHS.sshdDropIn, HOST_PATHS.sshdMainConfig, sshd, HOST_PATHS.stateDir, "ssh", "no", UNIT, "180"],
        user: "root",
      }),
      dropIn,
    );
  const verify = (sha = "-") =>
    host.run(
      remoteScript({
        manifest: { kind: "verify-login", host: "t", user: "hhadmin" },
        step: "t-verify-login",
        script: VERIFY_LOGIN_SCRIPT,
        args: ["the sshd change", "t-sshd-config", UNIT, `${HOST_PATHS.stateDir}/rolled-back`, "-", HOST_PATHS.sshdDropIn, sha],
        user: "hhadmin",
        escalate: false,
      }),
    );
  // The timer elapsing: with RemainAfterElapse=no systemd unloads it, then runs the command.
  const fire = () => {
    const armed = systemd.armed(UNIT)!;
    fs.rmSync(path.join(systemd.state, `${UNIT}.timer`));
    return host.run(armed.command.map(shellQuote).join(" "));
  };
  const installed = () => host.run(`cat ${HOST_PATHS.sshdDropIn}`);

  beforeAll(() => {
    const tools = debianTools();
    sshd = path.join(tools.bin, "sshd");
    systemd = new FakeSystemd();
    host = new IsolatedHost([systemd.bin, tools.bin]);
    const k = keys();
    const main = fs.readFileSync(path.join(path.dirname(tools.bin), "root/usr/share/openssh/sshd_config"), "utf8");
    const r = host.run(
      [
        "mkdir -p /etc/ssh/sshd_config.d /etc/ssh/ha-hardened-host",
        `cat > /etc/ssh/sshd_config <<'EOF_MAIN'\n${main}EOF_MAIN`,
        `cat > ${hostKeyPath("ed25519")} <<'EOF_K1'\n${k.hostEd25519.privateKey}EOF_K1`,
        `cat > ${hostKeyPath("rsa")} <<'EOF_K2'\n${k.hostRsa.privateKey}EOF_K2`,
        `chmod 600 ${hostKeyPath("ed25519")} ${hostKeyPath("rsa")}`,
      ].join("\n"),
    );
    if (r.status !== 0) throw new Error(r.stderr);
  });
  afterAll(() => {
    host?.cleanup();
    systemd?.cleanup();
  });

  test("a rejected drop-in changes nothing: sshd -t fails on the staged config, no timer is armed, no reload", () => {
    const r = apply(render({ MaxAuthTries: "many" }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("host t, step t-sshd-config: sshd -t rejects the new drop-in");
    expect(r.stderr).toContain("nothing was changed");
    expect(installed().status).not.toBe(0);
    expect(systemd.armed(UNIT)).toBeUndefined();
    expect(systemd.log().some((l) => l.includes("reload"))).toBe(false);
  });

  test("a good drop-in is staged, checked, armed for rollback in 180 s, installed and reloaded; a re-run does nothing", () => {
    systemd.clearLog();
    const r = apply(render());
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^changed \/etc\/ssh\/sshd_config.d\/00-ha-hardened-host.conf \(rollback armed/);
    expect(installed().stdout).toBe(render());
    expect(systemd.armed(UNIT)?.delay).toBe("180");
    expect(systemd.log()).toContain("systemctl try-reload-or-restart -- ssh.service");
    systemd.clearLog();
    expect(apply(render()).stdout.trim()).toBe(`unchanged ${HOST_PATHS.sshdDropIn}`);
    expect(systemd.log()).toEqual([]);
  });

  test("verify-login proves sudo, checks the installed drop-in and disarms the rollback", () => {
    const sha = createHash("sha256").update(render()).digest("hex");
    expect(verify("0".repeat(64)).stderr).toContain("is not what this stack renders for the sshd change");
    const r = verify(sha);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("rollbacks disarmed");
    expect(systemd.armed(UNIT)).toBeUndefined();
  });

  test("an unconfirmed change rolls back to the last confirmed drop-in when the timer fires, even after a second unconfirmed apply", () => {
    const confirmed = render();
    expect(apply(render({ MaxSessions: "1" })).status).toBe(0);
    expect(apply(render({ MaxSessions: "1", ClientAliveInterval: "120" })).stderr).toContain("earlier unconfirmed apply is still armed");
    const fired = fire();
    expect(fired.status).toBe(0);
    expect(installed().stdout).toBe(confirmed);
    const r = verify();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("the sshd change was rolled back at");
    expect(r.stderr).toContain("fix: run pulumi up again with --replace");
    // The next apply (after --replace) re-arms a fresh rollback and clears the marker.
    expect(apply(render({ MaxSessions: "1" })).stdout).toMatch(/^changed/);
    expect(systemd.armed(UNIT)?.delay).toBe("180");
    expect(host.run(`test -e ${HOST_PATHS.stateDir}/rolled-back`).status).not.toBe(0);
    expect(verify().status).toBe(0);
    expect(apply(render()).stdout).toMatch(/^changed/);
    expect(verify().status).toBe(0);
    systemd.clearLog();
  });

  test("converges after an interruption between install and reload: the next run reloads and records it", () => {
    host.run(`rm -f ${HOST_PATHS.stateDir}/applied-dropin.sha256`);
    const r = apply(render());
    expect(r.stdout).toMatch(/^changed/);
    expect(systemd.log()).toContain("systemctl try-reload-or-restart -- ssh.service");
    expect(apply(render()).stdout.trim()).toBe(`unchanged ${HOST_PATHS.sshdDropIn}`);
  });

  test("refuses to install when the main config does not read sshd_config.d, naming the line to add", () => {
    host.run(`sed -i 's/^Include/#Include/' ${HOST_PATHS.sshdMainConfig}`);
    const r = apply(render({ MaxSessions: "1" }));
    host.run(`sed -i 's/^#Include/Include/' ${HOST_PATHS.sshdMainConfig}`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("fix: add the line 'Include /etc/ssh/sshd_config.d/*.conf' at the top of /etc/ssh/sshd_config");
  });
});
