import * as fs from "fs";
import * as path from "path";
import { sshdBaseline } from "../../../src/concerns/ssh/baseline";
import { evaluateSshdConfig } from "../../../src/concerns/ssh/evaluateSshdConfig";
import { parseSshdConfig } from "../../../src/concerns/ssh/parseSshdConfig";
import { OS_IDS, OS_TABLE } from "../../../src/core/osTable";
import { HostConfig } from "../../../src/config/schema";
import { hostKeyPath } from "../../../src/core/hostPaths";
import { renderSshdDropIn } from "../../../src/concerns/ssh/renderSshdDropIn";
import { debianTools } from "../../support/debianTools";
import { IsolatedHost } from "../../support/isolatedHost";
import { keys } from "../../support/keyFixtures";

type RenderInput = Pick<HostConfig, "sshPort" | "admin" | "sshd">;
const host = (extra: Record<string, string> = {}, fwd: "local" | "no" = "local"): RenderInput => ({
  sshPort: 22,
  admin: { user: "hhadmin", authorizedKeys: ["ssh-ed25519 AAAA"] },
  sshd: { allowTcpForwarding: fwd, extraSettings: extra },
});

describe("renderSshdDropIn", () => {
  test.each(OS_IDS)("writes every baseline setting of %s's OpenSSH series, the config host keys, AllowUsers admin and DebianBanner no", (id) => {
    const parsed = parseSshdConfig(renderSshdDropIn(host(), OS_TABLE[id]));
    for (const s of sshdBaseline(OS_TABLE[id].openssh)) expect(parsed.global.get(s.directive.toLowerCase())?.args.join(" ")).toBe(s.value);
    expect(parsed.directives.filter((d) => d.keyword === "hostkey").map((d) => d.args[0])).toEqual([hostKeyPath("ed25519"), hostKeyPath("rsa")]);
    expect(parsed.global.get("allowusers")?.args).toEqual(["hhadmin"]);
    expect(parsed.global.get("debianbanner")?.args).toEqual(["no"]);
    expect(parsed.global.get("port")?.args).toEqual(["22"]);
  });

  test("passes the shared sshd evaluator (the same rules the policy pack and the live audit apply) as a complete config", () => {
    expect(evaluateSshdConfig(renderSshdDropIn(host(), OS_TABLE["debian-12"]), { complete: true })).toEqual([]);
  });

  test("an extra setting replaces the baseline's line in place, so the text shows what sshd will use and policies catch it", () => {
    const text = renderSshdDropIn(host({ permitrootlogin: "yes", Banner: "/etc/issue.net" }), OS_TABLE["debian-12"]);
    const parsed = parseSshdConfig(text);
    expect(parsed.directives.filter((d) => d.keyword === "permitrootlogin")).toHaveLength(1);
    expect(parsed.global.get("permitrootlogin")?.args).toEqual(["yes"]);
    expect(parsed.global.get("banner")?.args).toEqual(["/etc/issue.net"]);
    expect(evaluateSshdConfig(text, { complete: true }).map((f) => f.rule)).toContain("root-login");
  });

  test("is deterministic (two hosts from one stack get byte-identical drop-ins) and follows allowTcpForwarding", () => {
    expect(renderSshdDropIn(host(), OS_TABLE["debian-12"])).toBe(renderSshdDropIn(host(), OS_TABLE["debian-12"]));
    expect(parseSshdConfig(renderSshdDropIn(host({}, "no"), OS_TABLE["debian-12"])).global.get("allowtcpforwarding")?.args).toEqual(["no"]);
  });

  describe("judged by a real sshd (`sshd -t`, Debian 12's openssh-server) with Debian's own main config", () => {
    let isolated: IsolatedHost;
    let tools: ReturnType<typeof debianTools>;
    beforeAll(() => {
      tools = debianTools();
      isolated = new IsolatedHost([tools.bin]);
      const k = keys();
      const mainConfig = fs.readFileSync(path.join(path.dirname(tools.bin), "root/usr/share/openssh/sshd_config"), "utf8");
      const setup = [
        "mkdir -p /etc/ssh/sshd_config.d /etc/ssh/ha-hardened-host",
        `cat > /etc/ssh/sshd_config <<'EOF_MAIN'\n${mainConfig}EOF_MAIN`,
        `cat > ${hostKeyPath("ed25519")} <<'EOF_K1'\n${k.hostEd25519.privateKey}EOF_K1`,
        `cat > ${hostKeyPath("rsa")} <<'EOF_K2'\n${k.hostRsa.privateKey}EOF_K2`,
        `chmod 600 ${hostKeyPath("ed25519")} ${hostKeyPath("rsa")}`,
      ].join("\n");
      const r = isolated.run(setup);
      if (r.status !== 0) throw new Error(r.stderr);
    });
    afterAll(() => isolated?.cleanup());

    const sshdT = (dropIn: string) =>
      isolated.run(`cat > /etc/ssh/sshd_config.d/00-ha-hardened-host.conf && sshd -t && sshd -T -C user=hhadmin,host=x,addr=198.18.0.1`, dropIn);

    // OpenSSH 10's rendering (ML-KEM) needs Debian 13's sshd, which runs only on Debian 13: the lab judges it there.
    test("accepts the rendered drop-in for every OS profile whose OpenSSH 9.2 knows all its algorithms, and sshd -T shows the hardening in effect", () => {
      const judged = Object.values(OS_TABLE).filter((os) => os.openssh !== "10.0");
      expect(judged.map((os) => os.openssh).sort()).toEqual(["9.2", "9.2", "9.6"]);
      for (const os of judged) {
        const r = sshdT(renderSshdDropIn(host(), os));
        expect(r.stderr).toBe("");
        expect(r.status).toBe(0);
        expect(r.stdout).toContain("permitrootlogin no");
        expect(r.stdout).toContain("passwordauthentication no");
        expect(r.stdout).toContain("hostkey /etc/ssh/ha-hardened-host/ssh_host_ed25519_key");
        expect(evaluateSshdConfig(r.stdout, { complete: true, subject: "sshd -T output" })).toEqual([]);
      }
    });

    test("rejects a drop-in with an invalid extra setting, as the apply step's gate relies on", () => {
      const r = sshdT(renderSshdDropIn(host({ MaxAuthTries: "many" }), OS_TABLE["debian-12"]));
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/MaxAuthTries|many/);
    });
  });
});
