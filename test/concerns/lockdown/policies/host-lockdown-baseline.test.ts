import { LOCKDOWN_PATHS } from "../../../../src/concerns/lockdown/lockdownPaths";
import type { CapturedResource } from "../../../../src/preview/capturedResource";
import { compliantStack, fileStep, HOST, HOST_URN, lockdownSteps, UNKNOWN } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";

const POLICY = "host-lockdown-baseline";
const pack = usePack();

/** The compliant lockdown step writing `path`, with one text of its payload replaced (the ONE change). */
function changed(path: string, from: string, to: string): CapturedResource {
  const r = lockdownSteps().find((s) => String(s.inputs.create).includes(`"path":"${path}"`))!;
  const stdin = String(r.inputs.stdin);
  if (!stdin.includes(from)) throw new Error(`fixture ${path} has no ${from}`);
  return { ...r, inputs: { ...r.inputs, stdin: stdin.replace(from, to) } };
}

describe(POLICY, () => {
  beforeEach(async () => {
    await pack().configure({});
  });

  it("passes every lockdown file and edit the program renders", async () => {
    for (const r of lockdownSteps()) expect(await messagesOf(pack(), POLICY, r)).toEqual([]);
  });

  it("fails a weakened network sysctl, as a mandatory high violation", async () => {
    const [d] = (await pack().analyze(changed(LOCKDOWN_PATHS.sysctl, "net.ipv4.conf.all.rp_filter = 1", "net.ipv4.conf.all.rp_filter = 0"))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({ enforcementLevel: "mandatory", severity: "high", message: `${HOST}:${LOCKDOWN_PATHS.sysctl} must set net.ipv4.conf.all.rp_filter = 1; found 0.` });
  });

  it("fails a weakened kernel sysctl slipped in through another sysctl.d file", async () => {
    expect(await messagesOf(pack(), POLICY, fileStep("sysctl-local", "/etc/sysctl.d/99-local.conf", "kernel.yama.ptrace_scope = 0\n"))).toEqual([
      `${HOST}:/etc/sysctl.d/99-local.conf must set kernel.yama.ptrace_scope = 1; found 0.`,
    ]);
  });

  it("fails a kernel module made loadable again, and honours allowedKernelModules from the policy config", async () => {
    const r = changed(LOCKDOWN_PATHS.modprobe, "blacklist sctp\n", "");
    expect(await messagesOf(pack(), POLICY, r)).toEqual([`${HOST}:${LOCKDOWN_PATHS.modprobe} must refuse the kernel module sctp with \`install sctp /bin/false\` and \`blacklist sctp\`; found no blacklist line.`]);
    await pack().configure({ [POLICY]: { allowedKernelModules: ["sctp"] } });
    expect(await messagesOf(pack(), POLICY, r)).toEqual([]);
  });

  it("fails core dumps stored by systemd-coredump", async () => {
    expect(await messagesOf(pack(), POLICY, changed(LOCKDOWN_PATHS.coredump, "Storage=none", "Storage=external"))).toEqual([`${HOST}:${LOCKDOWN_PATHS.coredump} must set Storage=none; found Storage=external.`]);
  });

  it("fails a login.defs edit with a weaker UMASK", async () => {
    expect(await messagesOf(pack(), POLICY, changed(LOCKDOWN_PATHS.loginDefs, "UMASK 027", "UMASK 022"))).toEqual([`${HOST}:${LOCKDOWN_PATHS.loginDefs} must set UMASK 027; found UMASK 022.`]);
  });

  it("fails su open to everyone", async () => {
    expect(await messagesOf(pack(), POLICY, changed(LOCKDOWN_PATHS.pamSu, "required   pam_wheel.so use_uid", "optional   pam_wheel.so use_uid"))).toHaveLength(1);
  });

  it("fails the sudoers drop-in without a log file", async () => {
    expect(await messagesOf(pack(), POLICY, changed(LOCKDOWN_PATHS.sudoers, 'Defaults logfile="/var/log/sudo.log"\n', ""))).toEqual([
      `${HOST}:${LOCKDOWN_PATHS.sudoers} must set \`Defaults logfile="/var/log/sudo.log"\`; found no such line.`,
    ]);
  });

  it("fails /tmp without nosuid", async () => {
    expect(await messagesOf(pack(), POLICY, changed(LOCKDOWN_PATHS.fstab, "tmpfs /tmp tmpfs defaults,nodev,nosuid,", "tmpfs /tmp tmpfs defaults,nodev,"))).toHaveLength(1);
  });

  it("fails a volatile journal", async () => {
    expect(await messagesOf(pack(), POLICY, changed(LOCKDOWN_PATHS.journald, "Storage=persistent", "Storage=volatile"))).toEqual([`${HOST}:${LOCKDOWN_PATHS.journald} must set Storage=persistent; found Storage=volatile.`]);
  });

  it("does not pass an unknown sysctl payload: the pack reports it cannot run the policy during preview", async () => {
    const ds = (await pack().analyze(fileStep("sysctl", LOCKDOWN_PATHS.sysctl, UNKNOWN))).filter((d) => d.policyName === POLICY);
    expect(ds.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
  });

  describe("AnalyzeStack", () => {
    it("passes a stack whose host gets every lockdown file and edit", async () => {
      expect((await pack().analyzeStack(compliantStack())).filter((d) => d.policyName === POLICY)).toEqual([]);
    });

    it("fails a host that lacks a lockdown file, naming it, on the host's component so no other host is blamed", async () => {
      const stack = compliantStack().filter((r) => !r.name.endsWith("lockdown-journald"));
      expect((await pack().analyzeStack(stack)).filter((d) => d.policyName === POLICY).map((d) => [d.message, d.urn])).toEqual([
        [`Host ${HOST} must get every lockdown file and edit; no step writes ${LOCKDOWN_PATHS.journald}.`, HOST_URN],
      ]);
    });
  });
});
