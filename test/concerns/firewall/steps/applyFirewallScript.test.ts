import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createHash } from "crypto";
import { VERIFY_LOGIN_SCRIPT } from "../../../../src/concerns/access/steps/verifyLoginScript";
import { FIREWALL_PATHS } from "../../../../src/concerns/firewall/firewallPaths";
import { FIREWALL_ROLLBACK } from "../../../../src/concerns/firewall/firewallRollback";
import { renderRuleset } from "../../../../src/concerns/firewall/renderRuleset";
import { APPLY_FIREWALL_SCRIPT } from "../../../../src/concerns/firewall/steps/applyFirewallScript";
import { HOST_PATHS } from "../../../../src/core/hostPaths";
import { remoteScript, shellQuote } from "../../../../src/core/remoteScript";
import { FakeSystemd } from "../../../support/fakeSystemd";
import { IsolatedHost } from "../../../support/isolatedHost";
import { FAKE_VPN, fwHost, fwModel } from "../firewallFixtures";

const UNIT = FIREWALL_ROLLBACK.unit;
const STATE = HOST_PATHS.stateDir;

/**
 * A stand-in for nft on a controller without nftables: `-c -f` refuses a file holding the word BROKEN, `-f`
 * keeps the file's table block as the live table (none when the file only deletes it), `list table` prints it.
 * The real nft judges the rendered text in the lab (test/lab/firewall.test.ts).
 */
function fakeNft(dir: string): string {
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, "nft"), `#!/bin/bash
s='${dir}'
[ "$1" = -s ] && shift
case "$1 $2" in
  "-c -f") grep -q BROKEN "$3" && { echo "Error: syntax error, unexpected BROKEN" >&2; exit 1; }; exit 0;;
  "-f "*) grep -q BROKEN "$2" && exit 1
    body=$(sed -n '/^table inet [a-z_]* {$/,$p' "$2")
    if [ -n "$body" ]; then printf '%s\\n' "$body" > "$s/live"; else rm -f "$s/live"; fi
    echo "nft -f" >> "$s/log";;
  "list table") [ -f "$s/live" ] && exec cat "$s/live"; echo "Error: No such file or directory" >&2; exit 1;;
  *) echo "fake nft: $*" >&2; exit 2;;
esac
`, { mode: 0o755 });
  return bin;
}

describe("firewall apply and verify-login scripts (nft and systemd faked)", () => {
  let host: IsolatedHost;
  let systemd: FakeSystemd;
  let nftDir: string;
  const confirmed = renderRuleset(fwModel());
  const changed = renderRuleset(fwModel(fwHost({ services: { mqtt: true } }), FAKE_VPN));
  const table = (text: string) => text.slice(text.indexOf("table inet ha_hardened_host {"));
  const live = () => (fs.existsSync(path.join(nftDir, "live")) ? fs.readFileSync(path.join(nftDir, "live"), "utf8") : undefined);

  const apply = (text: string) =>
    host.run(
      remoteScript({
        manifest: { kind: "script", host: "t", purpose: "test" },
        step: "t-firewall",
        script: APPLY_FIREWALL_SCRIPT,
        args: [FIREWALL_PATHS.ruleset, FIREWALL_PATHS.main, "ha_hardened_host", STATE, UNIT, "60"],
        user: "root",
      }),
      text,
    );
  const verify = (text?: string) =>
    host.run(
      remoteScript({
        manifest: { kind: "verify-login", host: "t", user: "hhadmin" },
        step: "t-verify-login",
        script: VERIFY_LOGIN_SCRIPT,
        args: ["the firewall change", "t-firewall", UNIT, `${STATE}/firewall-rolled-back`, `${STATE}/firewall-confirm.sh`, FIREWALL_PATHS.ruleset, text ? createHash("sha256").update(text).digest("hex") : "-"],
        user: "hhadmin",
        escalate: false,
      }),
    );
  const fire = () => {
    const armed = systemd.armed(UNIT)!;
    fs.rmSync(path.join(systemd.state, `${UNIT}.timer`));
    return host.run(armed.command.map(shellQuote).join(" "));
  };

  beforeAll(() => {
    systemd = new FakeSystemd();
    nftDir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-nft-"));
    host = new IsolatedHost([systemd.bin, fakeNft(nftDir)]);
  });
  afterAll(() => {
    host?.cleanup();
    systemd?.cleanup();
    fs.rmSync(nftDir, { recursive: true, force: true });
  });

  test("a ruleset nft -c rejects changes nothing: no timer, no load", () => {
    const r = apply(`${confirmed}BROKEN\n`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("host t, step t-firewall: nft -c rejects the rendered ruleset (Error: syntax error, unexpected BROKEN); nothing was changed");
    expect(systemd.armed(UNIT)).toBeUndefined();
    expect(live()).toBeUndefined();
  });

  test("a good ruleset is checked, armed for rollback, loaded; the next login confirms it: persisted for boot, timer disarmed; a re-run does nothing", () => {
    const r = apply(confirmed);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("changed table inet ha_hardened_host (rollback armed for 60 s until a new login confirms it)\n");
    expect(live()).toBe(table(confirmed));
    expect(systemd.armed(UNIT)?.delay).toBe("60");
    expect(host.run(`test -e ${FIREWALL_PATHS.ruleset}`).status).not.toBe(0); // not persisted before a login confirms it
    expect(verify("0".repeat(64)).stderr).toContain(`${FIREWALL_PATHS.ruleset} is not what this stack renders for the firewall change`);
    const v = verify(confirmed);
    expect(v.stderr).toBe("");
    expect(v.stdout).toContain("rollbacks disarmed");
    expect(host.read(FIREWALL_PATHS.ruleset)).toBe(confirmed);
    expect(host.read(FIREWALL_PATHS.main).split("\n")).toContain(`include "${FIREWALL_PATHS.ruleset}"`);
    expect(systemd.log()).toContain("systemctl enable --quiet nftables.service");
    expect(systemd.armed(UNIT)).toBeUndefined();
    expect(apply(confirmed).stdout.trim()).toBe(`unchanged ${FIREWALL_PATHS.ruleset}`);
  });

  test("an unconfirmed ruleset is rolled back to the confirmed table when the timer fires, even after a second unconfirmed apply; verify-login then fails naming the step", () => {
    expect(apply(changed).status).toBe(0);
    expect(live()).toBe(table(changed));
    expect(apply(changed.replace("1883", "1884")).stderr).toContain("earlier unconfirmed firewall apply is still armed");
    expect(fire().status).toBe(0);
    expect(live()).toBe(table(confirmed));
    expect(host.read(FIREWALL_PATHS.ruleset)).toBe(confirmed);
    const r = verify();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("the firewall change was rolled back at");
    expect(r.stderr).toContain("fix: run pulumi up again with --replace on this host's t-firewall step");
    // The next apply clears the marker and converges.
    expect(apply(confirmed).stdout).toMatch(/^changed/);
    expect(verify(confirmed).status).toBe(0);
    expect(apply(confirmed).stdout.trim()).toBe(`unchanged ${FIREWALL_PATHS.ruleset}`);
  });

  test("on a box without the table, a rollback removes the table it loaded", () => {
    fs.rmSync(path.join(nftDir, "live"));
    expect(apply(confirmed).stdout).toMatch(/^changed/);
    expect(live()).toBe(table(confirmed));
    expect(fire().status).toBe(0);
    expect(live()).toBeUndefined();
  });
});
