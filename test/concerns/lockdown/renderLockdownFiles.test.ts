import { LOCKDOWN_PATHS } from "../../../src/concerns/lockdown/lockdownPaths";
import { renderLockdownFiles } from "../../../src/concerns/lockdown/renderLockdownFiles";
import { lockdownHost } from "./lockdownFixtures";

const contentOf = (path: string, lockdown: Record<string, unknown> = {}): string => {
  const { host, os } = lockdownHost(lockdown);
  return renderLockdownFiles(host, os).find((f) => f.path === path)!.content;
};

describe("renderLockdownFiles", () => {
  test("refuses every blacklisted module with install /bin/false and blacklist, so even an explicit modprobe fails", () => {
    const text = contentOf(LOCKDOWN_PATHS.modprobe);
    for (const m of ["cramfs", "udf", "dccp", "sctp", "rds", "tipc", "firewire-core"]) {
      expect(text).toContain(`install ${m} /bin/false\nblacklist ${m}\n`);
    }
  });

  test("leaves USB storage and Bluetooth loadable: backups leave on a stick and Home Assistant uses Bluetooth", () => {
    expect(contentOf(LOCKDOWN_PATHS.modprobe)).not.toMatch(/usb[-_]storage|bluetooth|btusb/);
  });

  test("leaves a module loadable when lockdown.allowKernelModules names it", () => {
    const text = contentOf(LOCKDOWN_PATHS.modprobe, { allowKernelModules: ["udf"] });
    expect(text).not.toMatch(/\budf\b/);
    expect(text).toContain("install cramfs /bin/false");
  });

  test("allows cron and at to root, the admin and lockdown.cronUsers only", () => {
    expect(contentOf(LOCKDOWN_PATHS.cronAllow, { cronUsers: ["backup"] })).toBe("root\nhhadmin\nbackup\n");
    expect(contentOf(LOCKDOWN_PATHS.atAllow)).toBe("root\nhhadmin\n");
  });

  test("gives sudo a pty and a log file, which an attacker's background process cannot escape", () => {
    expect(contentOf(LOCKDOWN_PATHS.sudoers)).toMatch(/^Defaults use_pty\nDefaults logfile="\/var\/log\/sudo.log"\n$/m);
  });

  test("writes each file root-owned, sudoers 0440 as sudo demands, the allow lists readable by setgid crontab and setuid at", () => {
    const { host, os } = lockdownHost();
    const files = renderLockdownFiles(host, os);
    expect(files.every((f) => f.owner === "root" && f.group === "root")).toBe(true);
    expect(files.find((f) => f.path === LOCKDOWN_PATHS.sudoers)!.mode).toBe("0440");
    expect(files.filter((f) => f.path === LOCKDOWN_PATHS.cronAllow || f.path === LOCKDOWN_PATHS.atAllow).map((f) => f.mode)).toEqual(["0644", "0644"]);
    expect(new Set(files.map((f) => f.step)).size).toBe(files.length);
  });
});
