import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ACTIVATE_UPDATES_SCRIPT } from "../../../../src/concerns/updates/steps/activateUpdatesScript";
import { remoteScript } from "../../../../src/core/remoteScript";
import { runCreate } from "../../../support/runCreate";

const TIMERS = ["apt-daily.timer", "apt-daily-upgrade.timer"];
const NO_MAILER = ["/nonexistent/mail", "/nonexistent/sendmail"];
const createWith = (mailers: string[], timers: string[] = TIMERS) =>
  remoteScript({ manifest: { kind: "script", host: "t", purpose: "timers" }, step: "t-update-timers", script: ACTIVATE_UPDATES_SCRIPT, args: [...mailers, ...timers], user: "root" });
const create = createWith(NO_MAILER);

/**
 * Test doubles: `apt-config shell VAR KEY` answers from files named after the key; `systemctl` keeps each timer's
 * enabled/active state as files and logs every call.
 */
function fakeHost(periodic: Record<string, string>, state: { enabled?: string[]; active?: string[] } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-updates-"));
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  for (const [k, v] of Object.entries(periodic)) fs.writeFileSync(path.join(dir, k), v);
  for (const t of state.enabled ?? []) fs.writeFileSync(path.join(dir, `${t}.enabled`), "");
  for (const t of state.active ?? []) fs.writeFileSync(path.join(dir, `${t}.active`), "");
  fs.writeFileSync(path.join(bin, "apt-config"), `#!/bin/bash\n[ "$1" = shell ] || exit 1\nf='${dir}/'"$3"\n[ -e "$f" ] && echo "$2='$(cat "$f")'"\nexit 0\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, "systemctl"), `#!/bin/bash
echo "systemctl $*" >> '${dir}/log'
args=(); for a in "$@"; do case $a in --quiet|--) ;; *) args+=("$a");; esac; done
case \${args[0]} in
  cat) [ "\${args[1]}" != missing.timer ];;
  is-enabled) [ -e '${dir}/'"\${args[1]}".enabled ] && echo enabled || { echo disabled; exit 1; };;
  is-active) [ -e '${dir}/'"\${args[1]}".active ];;
  enable) touch '${dir}/'"\${args[1]}".enabled;;
  start) touch '${dir}/'"\${args[1]}".active;;
  *) exit 1;;
esac
`, { mode: 0o755 });
  return {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    log: () => (fs.existsSync(path.join(dir, "log")) ? fs.readFileSync(path.join(dir, "log"), "utf8").trim().split("\n") : []),
  };
}

const ON = { "APT::Periodic::Update-Package-Lists": "1", "APT::Periodic::Unattended-Upgrade": "1" };

describe("update timers script", () => {
  test("enables and starts timers that are off, then a re-run finds nothing to do", () => {
    const host = fakeHost(ON, { enabled: ["apt-daily.timer"], active: ["apt-daily.timer"] });
    const first = runCreate(create, "", host.env);
    expect([first.status, first.stdout.trim()]).toEqual([0, "changed apt-daily-upgrade.timer"]);
    expect(host.log()).toContain("systemctl enable --quiet -- apt-daily-upgrade.timer");
    expect(host.log()).toContain("systemctl start -- apt-daily-upgrade.timer");
    const again = runCreate(create, "", host.env);
    expect([again.status, again.stdout.trim()]).toEqual([0, "unchanged"]);
  });

  test("refuses when apt reads the periodic run as off (a later file overrides the project's), naming host, step and fix", () => {
    const host = fakeHost({ ...ON, "APT::Periodic::Unattended-Upgrade": "0" });
    const r = runCreate(create, "", host.env);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      'ha-hardened-host: host t, step t-update-timers: apt reads APT::Periodic::Unattended-Upgrade as "0", not "1"; fix: remove the setting that overrides it from /etc/apt/apt.conf.d (see apt-config dump APT::Periodic::Unattended-Upgrade)',
    );
    expect(host.log()).toEqual([]);
  });

  test("refuses a missing timer unit, naming the fix", () => {
    const host = fakeHost(ON);
    const r = runCreate(createWith(NO_MAILER, ["missing.timer"]), "", host.env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("the systemd unit missing.timer is missing; fix: reinstall the apt package, which ships it");
  });

  test("refuses a mailed report on a host with no mailer, where unattended-upgrades would drop every report silently", () => {
    const host = fakeHost({ ...ON, "Unattended-Upgrade::Mail": "owner@example.org" }, { enabled: TIMERS, active: TIMERS });
    const r = runCreate(create, "", host.env);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      "ha-hardened-host: host t, step t-update-timers: update reports are to be mailed to owner@example.org, but the host has neither /nonexistent/mail nor /nonexistent/sendmail; fix: install and configure a mail transfer agent on the host (e.g. msmtp-mta or postfix), or remove updates.mailTo",
    );
  });

  test("accepts a mailed report when either mailer exists", () => {
    const host = fakeHost({ ...ON, "Unattended-Upgrade::Mail": "owner@example.org" }, { enabled: TIMERS, active: TIMERS });
    const r = runCreate(createWith(["/nonexistent/mail", "/bin/sh"]), "", host.env);
    expect([r.status, r.stdout.trim()]).toEqual([0, "unchanged"]);
  });
});
