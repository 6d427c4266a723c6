import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { renderUnattendedConf, type UpdatesHost } from "../../src/concerns/updates/renderUnattendedConf";
import { UPDATES_PATHS } from "../../src/concerns/updates/updatesPaths";
import { OS_TABLE } from "../../src/core/osTable";
import { labDown, labUp } from "../../src/lab/host/labHost";
import { applyCounts, asAdmin, labApply, Login, PROJECT_DIR, uniqueLabName } from "./labProbe";

/**
 * Automatic security updates on a real host: the lab stack applied with the real engine and the pack, then
 * unattended-upgrades watched at work against the lab's offline repository, whose origin (ha-hardened-host-lab)
 * the lab stack, and only it, allows. A stand-in older than the repository's lynis gives it something to upgrade.
 */
const LAB_ORIGIN = "origin=ha-hardened-host-lab,label=ha-hardened-host-lab";
const STAND_IN = "lynis";

const labUpdates = (): UpdatesHost["updates"] => {
  const doc = YAML.parse(fs.readFileSync(path.join(PROJECT_DIR, "stacks", "Pulumi.lab.yaml"), "utf8"));
  return doc.config["ha-hardened-host:hosts"][0].updates;
};

/** Builds and installs STAND_IN at version 0~lab1 on the host (dpkg-deb, dpkg -i), an older version than the repository serves. */
const INSTALL_STAND_IN = `set -e
d=$(mktemp -d)
mkdir -p "$d/pkg/DEBIAN"
printf 'Package: ${STAND_IN}\\nVersion: 0~lab1\\nArchitecture: all\\nMaintainer: lab <lab@lab.invalid>\\nDescription: lab stand-in, older than the repository version\\n' > "$d/pkg/DEBIAN/control"
dpkg-deb --root-owner-group --build "$d/pkg" "$d/stand-in.deb" >/dev/null
sudo -n dpkg -i "$d/stand-in.deb" >/dev/null
rm -rf "$d"`;

describe.each(["debian-13", "debian-12"] as const)("automatic security updates on %s", (os) => {
  let name: string;
  let admin: Login;
  let firstApply: string;
  const on = (script: string): string => asAdmin(admin, script).trim();

  beforeAll(async () => {
    name = uniqueLabName("up");
    const up = await labUp({ name, os, log: () => undefined });
    const r = labApply(name, "lab");
    if (r.code !== 0) throw new Error(`the first apply of the lab stack on ${os} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    firstApply = r.stdout;
    const a = JSON.parse(fs.readFileSync(path.join(up.stateDir, "admin.json"), "utf8")) as { user: string; privateKeyPath: string; hostKey: string };
    admin = { address: up.info.address, port: up.info.port, user: a.user, keyPath: a.privateKeyPath, hostKey: a.hostKey };
  }, 600_000);

  afterAll(async () => {
    if (name) await labDown(name);
  }, 120_000);

  test("the pack flagged the lab origin as an advisory on the apply, and nothing about updates as mandatory", () => {
    expect(firstApply).toMatch(/\[advisory\] \[severity: medium\] +update-origins-distribution-only/);
    expect(firstApply).toContain(`must not allow "${LAB_ORIGIN}" in Unattended-Upgrade::Origins-Pattern`);
    expect(firstApply).not.toMatch(/\[mandatory\].*automatic-security-updates-on/);
  });

  test("unattended-upgrades is installed and the project's file holds exactly the rendered text, 0644 root:root", () => {
    expect(on("dpkg-query -W -f '${Status}' unattended-upgrades")).toBe("install ok installed");
    expect(on(`stat -c '%a %U %G' ${UPDATES_PATHS.aptConf}`)).toBe("644 root root");
    expect(on(`cat ${UPDATES_PATHS.aptConf}`) + "\n").toBe(renderUnattendedConf({ os, updates: labUpdates() }));
  });

  test("apt reads the periodic runs as on, and both apt timers are enabled and active", () => {
    expect(on("apt-config dump APT::Periodic | grep -E '^APT::Periodic::(Update-Package-Lists|Unattended-Upgrade) ' | sort")).toBe(
      'APT::Periodic::Unattended-Upgrade "1";\nAPT::Periodic::Update-Package-Lists "1";',
    );
    expect(on("systemctl is-enabled apt-daily.timer apt-daily-upgrade.timer")).toBe("enabled\nenabled");
    expect(on("systemctl is-active apt-daily.timer apt-daily-upgrade.timer")).toBe("active\nactive");
  });

  test("the dry run allows exactly the OS's security origin and the lab origin, and would upgrade the stand-in from the lab repository", () => {
    on(INSTALL_STAND_IN);
    const out = on("sudo -n unattended-upgrade --dry-run --debug 2>&1");
    expect(out).toContain(`Allowed origins are: origin=Debian,codename=${OS_TABLE[os].codename}-security,label=Debian-Security, ${LAB_ORIGIN}\n`);
    // unattended-upgrades 2.12 (Debian 13) names the candidate version, 2.9.1 (Debian 12) only the package.
    expect(out).toMatch(new RegExp(`Checking: ${STAND_IN}(=\\S+)? \\(\\[<Origin component:'' archive:'lab' origin:'ha-hardened-host-lab' label:'ha-hardened-host-lab' site:'198\\.18\\.0\\.1' isTrusted:True>\\]\\)`));
    expect(out).toMatch(new RegExp(`pkgs that look like they should be upgraded: ${STAND_IN}\\s`));
    expect(on(`dpkg-query -W -f '\${Version}' ${STAND_IN}`)).toBe("0~lab1");
  });

  test("the daily upgrade job itself installs the newer version from the lab origin and reports it to the journal", () => {
    const candidate = on(`apt-cache policy ${STAND_IN} | sed -n 's/^ *Candidate: //p'`);
    expect(candidate).not.toBe("0~lab1");
    // The job runs once a day: a run the timer may already have made must not make this one skip.
    on("sudo -n rm -f /var/lib/apt/periodic/unattended-upgrades-stamp && sudo -n systemctl start apt-daily-upgrade.service");
    expect(on(`dpkg-query -W -f '\${Version}' ${STAND_IN}`)).toBe(candidate);
    expect(on("sudo -n journalctl -t unattended-upgrade --no-pager -o cat")).toContain(`Packages that will be upgraded: ${STAND_IN}`);
  });

  test("a second apply changes nothing and runs no command", () => {
    const again = labApply(name, "lab");
    expect(again.code).toBe(0);
    expect(applyCounts(again.stdout)).toMatchObject({ created: 0, updated: 0, replaced: 0, deleted: 0 });
    expect(again.stdout).not.toMatch(/command:remote:Command \S+ (creating|updating|replacing|deleting)/);
  }, 400_000);
});
