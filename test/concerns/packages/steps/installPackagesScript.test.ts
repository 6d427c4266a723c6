import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { remoteScript } from "../../../../src/core/remoteScript";
import { INSTALL_PACKAGES_SCRIPT } from "../../../../src/concerns/packages/steps/installPackagesScript";
import { runCreate } from "../../../support/runCreate";

const create = (pkgs: string[]) =>
  remoteScript({ manifest: { kind: "packages", host: "t", packages: pkgs }, step: "t-packages", script: INSTALL_PACKAGES_SCRIPT, args: pkgs, user: "root" });

/** Test double for apt-get: records each call and its DEBIAN_FRONTEND; `install` fails until `update` ran (a fresh image). */
function fakeApt(): { bin: string; log: () => string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-apt-"));
  fs.writeFileSync(
    path.join(dir, "apt-get"),
    `#!/bin/bash\necho "$DEBIAN_FRONTEND $*" >> ${dir}/log\ncase " $* " in *" update "*) touch ${dir}/updated;; *" install "*) [ -e ${dir}/updated ] || exit 100;; esac\n`,
    { mode: 0o755 },
  );
  return { bin: dir, log: () => fs.readFileSync(path.join(dir, "log"), "utf8").trim().split("\n") };
}

describe("packages script", () => {
  test("installed packages (real dpkg database) mean nothing to do: unchanged, apt-get never called", () => {
    const apt = fakeApt();
    const r = runCreate(create(["bash", "coreutils"]), "", { ...process.env, PATH: `${apt.bin}:${process.env.PATH}` });
    expect(r.stdout.trim()).toBe("unchanged");
    expect(fs.existsSync(path.join(apt.bin, "log"))).toBe(false);
  });

  test("only missing packages are installed, non-interactively without recommends; lists are refreshed once when the first try fails", () => {
    const apt = fakeApt();
    const r = runCreate(create(["bash", "ha-hardened-host-surely-absent"]), "", { ...process.env, PATH: `${apt.bin}:${process.env.PATH}` });
    expect(r.stdout.trim()).toBe("changed ha-hardened-host-surely-absent");
    const log = apt.log();
    expect(log).toHaveLength(3);
    expect(log[0]).toMatch(/^noninteractive .*--no-install-recommends install -- ha-hardened-host-surely-absent$/);
    expect(log[1]).toMatch(/ update$/);
    expect(log[2]).toBe(log[0]);
  });
});
