import { evaluateLockdown, type LockdownPayload } from "../../../src/concerns/lockdown/evaluateLockdown";
import { fileEdits } from "../../../src/concerns/lockdown/fileEdits";
import { LOCKDOWN_PATHS } from "../../../src/concerns/lockdown/lockdownPaths";
import { renderLockdownFiles } from "../../../src/concerns/lockdown/renderLockdownFiles";
import { lockdownHost } from "./lockdownFixtures";

/** The compliant baseline: every payload the lockdown renders for the default host. */
function compliant(): Map<string, LockdownPayload> {
  const { host, os } = lockdownHost();
  const out = new Map<string, LockdownPayload>();
  for (const f of renderLockdownFiles(host, os)) out.set(f.path, { subject: `h:${f.path}`, path: f.path, kind: "file", content: f.content });
  for (const e of fileEdits(host, os)) out.set(e.path, { subject: `h:${e.path}`, path: e.path, kind: "file-edit", content: e.lines.join("\n") + "\n" });
  return out;
}

/** The compliant payload of `path` with one text replaced (the ONE change a negative case makes). */
function changed(path: string, from: string | RegExp, to: string): LockdownPayload {
  const p = compliant().get(path)!;
  const content = p.content.replace(from, to);
  if (content === p.content) throw new Error(`fixture ${path} has no ${from}`);
  return { ...p, content };
}

describe("evaluateLockdown", () => {
  test("passes everything the lockdown renders for a default host", () => {
    for (const p of compliant().values()) expect(evaluateLockdown(p)).toEqual([]);
  });

  test("fails a weakened network sysctl: a host accepting ICMP redirects can be rerouted", () => {
    expect(evaluateLockdown(changed(LOCKDOWN_PATHS.sysctl, "net.ipv4.conf.all.accept_redirects = 0", "net.ipv4.conf.all.accept_redirects = 1"))).toEqual([
      `h:${LOCKDOWN_PATHS.sysctl} must set net.ipv4.conf.all.accept_redirects = 0; found 1.`,
    ]);
  });

  test("fails a missing kernel sysctl in the lockdown's own file", () => {
    expect(evaluateLockdown(changed(LOCKDOWN_PATHS.sysctl, /kernel\.kptr_restrict = 2\n/, ""))).toEqual([
      `h:${LOCKDOWN_PATHS.sysctl} must set kernel.kptr_restrict = 2; found no such line.`,
    ]);
  });

  test("fails another sysctl.d file that weakens a setting, since sysctl applies files in order", () => {
    const p: LockdownPayload = { subject: "h:/etc/sysctl.d/99-local.conf", path: "/etc/sysctl.d/99-local.conf", kind: "file", content: "kernel.dmesg_restrict = 0\n" };
    expect(evaluateLockdown(p)).toEqual(["h:/etc/sysctl.d/99-local.conf must set kernel.dmesg_restrict = 1; found 0."]);
  });

  test("fails the lockdown's sysctl file when it manages IP forwarding, which the WireGuard VPN needs", () => {
    expect(evaluateLockdown(changed(LOCKDOWN_PATHS.sysctl, "fs.suid_dumpable = 0\n", "fs.suid_dumpable = 0\nnet.ipv4.ip_forward = 0\n"))).toEqual([
      `h:${LOCKDOWN_PATHS.sysctl} must not manage net.ipv4.ip_forward, which the WireGuard VPN needs; found net.ipv4.ip_forward = 0.`,
    ]);
  });

  test("fails a blacklisted module that is loadable again, unless the policy config allows it", () => {
    const p = changed(LOCKDOWN_PATHS.modprobe, "install udf /bin/false\n", "");
    expect(evaluateLockdown(p)).toEqual([`h:${LOCKDOWN_PATHS.modprobe} must refuse the kernel module udf with \`install udf /bin/false\` and \`blacklist udf\`; found no install line.`]);
    expect(evaluateLockdown(p, { allowedKernelModules: ["udf"] })).toEqual([]);
  });

  test("fails core dumps allowed again through limits.d", () => {
    expect(evaluateLockdown(changed(LOCKDOWN_PATHS.limits, "* hard core 0", "* hard core unlimited"))).toEqual([`h:${LOCKDOWN_PATHS.limits} must set \`* hard core 0\`; found no such line.`]);
  });

  test("fails systemd-coredump storing dumps", () => {
    expect(evaluateLockdown(changed(LOCKDOWN_PATHS.coredump, "Storage=none", "Storage=external"))).toEqual([`h:${LOCKDOWN_PATHS.coredump} must set Storage=none; found Storage=external.`]);
  });

  test("fails a umask that lets other users read new files", () => {
    expect(evaluateLockdown(changed(LOCKDOWN_PATHS.profile, "umask 027", "umask 022"))).toEqual([`h:${LOCKDOWN_PATHS.profile} must set \`umask 027\` or stricter; found no such line.`]);
  });

  test("fails login.defs with a weaker UMASK", () => {
    expect(evaluateLockdown(changed(LOCKDOWN_PATHS.loginDefs, "UMASK 027", "UMASK 022"))).toEqual([`h:${LOCKDOWN_PATHS.loginDefs} must set UMASK 027; found UMASK 022.`]);
  });

  test("fails su opened to everyone: pam_wheel missing or in trust mode", () => {
    expect(evaluateLockdown(changed(LOCKDOWN_PATHS.pamSu, /^.*$/m, "auth sufficient pam_wheel.so trust"))).toEqual([
      `h:${LOCKDOWN_PATHS.pamSu} must limit su to the admin's group with \`auth required pam_wheel.so use_uid group=GROUP\`; found \`auth sufficient pam_wheel.so trust\`.`,
    ]);
  });

  test("fails the sudoers drop-in without use_pty, and any sudoers file that switches the log off", () => {
    expect(evaluateLockdown(changed(LOCKDOWN_PATHS.sudoers, "Defaults use_pty\n", ""))).toEqual([`h:${LOCKDOWN_PATHS.sudoers} must set \`Defaults use_pty\`; found no such line.`]);
    const other: LockdownPayload = { subject: "h:/etc/sudoers.d/local", path: "/etc/sudoers.d/local", kind: "file", content: "Defaults !logfile\n" };
    expect(evaluateLockdown(other)).toEqual(["h:/etc/sudoers.d/local must not switch off sudo's pty or log; found `Defaults !logfile`."]);
  });

  test("fails /dev/shm without noexec", () => {
    expect(evaluateLockdown(changed(LOCKDOWN_PATHS.fstab, "defaults,nodev,nosuid,noexec,mode=1777 0 0", "defaults,nodev,nosuid,mode=1777 0 0"))).toEqual([
      `h:${LOCKDOWN_PATHS.fstab} must mount /dev/shm with nodev,nosuid,noexec; found \`tmpfs /dev/shm tmpfs defaults,nodev,nosuid,mode=1777 0 0\`.`,
    ]);
  });

  test("fails a volatile or unbounded journal", () => {
    expect(evaluateLockdown(changed(LOCKDOWN_PATHS.journald, "Storage=persistent", "Storage=volatile"))).toEqual([`h:${LOCKDOWN_PATHS.journald} must set Storage=persistent; found Storage=volatile.`]);
    expect(evaluateLockdown(changed(LOCKDOWN_PATHS.journald, /SystemMaxUse=.*\n/, ""))).toEqual([`h:${LOCKDOWN_PATHS.journald} must set SystemMaxUse=a size limit; found no such line.`]);
  });
});
