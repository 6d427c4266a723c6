import * as fs from "fs";
import * as path from "path";
import { SERIES_ALGORITHMS, STRONG_HOST_KEY_ALGORITHMS } from "../../src/concerns/ssh/algorithms";
import { sshdBaseline } from "../../src/concerns/ssh/baseline";
import { OS_TABLE } from "../../src/core/osTable";
import { LAB_OS_IDS } from "../../src/lab/image/labOs";
import { sshAuditCommand } from "../../src/lab/judges/sshAudit";
import { parseSshdT, sshdDrift } from "../../src/concerns/ssh/readBack";
import { HOST_PATHS } from "../../src/core/hostPaths";
import { labDown, LabHostInfo, labUp } from "../../src/lab/host/labHost";
import { applyCounts, asAdmin, freshSource, inNs, labApply, labPulumi, Login, sshAttempt, uniqueLabName } from "./labProbe";

/**
 * The attacker's-eye tests: a fresh lab host, the lab stack applied with `npm run lab -- apply` (the real
 * `pulumi up` with the policy pack), then knocked
 * on from the lab's LAN namespace with the real ssh client, ssh-keyscan, ssh-audit and nmap (the firewall drops
 * the WAN: test/lab/firewall.test.ts measures that).
 * They need root and the lab's Debian packages; if the lab cannot start they FAIL with the reason.
 */
const STACK = process.env.HH_LAB_STACK ?? "lab";
const NO_CHANGES = { created: 0, updated: 0, replaced: 0, deleted: 0 };

describe.each(LAB_OS_IDS)("%s", (labOs) => {
  const series = OS_TABLE[labOs].openssh;
  const algorithms = SERIES_ALGORITHMS[series];
  let name: string;
  let info: LabHostInfo;
  let stateDir: string;
  let admin: Login;
  let firstApply: string;
  const pw = `Lab-${Math.random().toString(36).slice(2)}-pw`;

  beforeAll(async () => {
    name = uniqueLabName("hd");
    try {
      const up = await labUp({ name, os: labOs, log: () => undefined });
      info = up.info;
      stateDir = up.stateDir;
    } catch (e) {
      throw new Error(`the lab host could not start, so the attacker's-eye tests cannot run: ${(e as Error).message}`);
    }
    const r = labApply(name, STACK);
    if (r.code !== 0) throw new Error(`the first apply of stack ${STACK} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    firstApply = r.stdout;
    const a = JSON.parse(fs.readFileSync(path.join(stateDir, "admin.json"), "utf8")) as { user: string; privateKeyPath: string; hostKey: string };
    admin = { address: info.address, port: info.port, user: a.user, keyPath: a.privateKeyPath, hostKey: a.hostKey };
  }, 600_000);

  afterAll(async () => {
    if (name) await labDown(name);
  }, 120_000);

  const pub = (file: string): string => fs.readFileSync(path.join(stateDir, "identity", `${file}.pub`), "utf8").trim().split(" ").slice(0, 2).join(" ");
  const dropInSha = (): string => asAdmin(admin, `sudo -n sha256sum ${HOST_PATHS.sshdDropIn}`).split(" ")[0];
  const sshdT = (): Map<string, string> => parseSshdT(asAdmin(admin, "sudo -n sshd -T"));

  test("the first up created every step on the blank host; the unchanged stack then previews with no changes and an up runs zero commands", () => {
    expect(applyCounts(firstApply)).toMatchObject({ updated: 0, replaced: 0, deleted: 0, unchanged: 0 });
    expect(applyCounts(firstApply)!.created).toBeGreaterThan(10);
    const preview = labApply(name, STACK, ["--preview", "--", "--expect-no-changes"]);
    expect(preview.code).toBe(0);
    const again = labApply(name, STACK);
    expect(again.code).toBe(0);
    expect(applyCounts(again.stdout)).toMatchObject(NO_CHANGES);
    // A command resource that ran would print its step's own status line ("changed …", "unchanged …").
    expect(again.stdout).not.toMatch(/command:remote:Command \S+ (creating|updating|replacing|deleting)/);
  }, 400_000);

  test("the identity's private keys (host keys, automation key, the bootstrap key) are nowhere in plaintext: not in pulumi stack export, not in the apply's output", () => {
    const identity = path.join(stateDir, "identity");
    const secrets = fs.readdirSync(identity).filter((f) => !f.endsWith(".pub")).map((f) => fs.readFileSync(path.join(identity, f), "utf8"))
      .filter((t) => t.includes("PRIVATE KEY"));
    secrets.push(fs.readFileSync(info.privateKeyPath, "utf8"));
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    // A private key's second line: 64 characters of its base64 body that occur nowhere else.
    const bodies = secrets.map((t) => t.trim().split("\n")[1]);
    for (const b of bodies) expect(b).toMatch(/^[A-Za-z0-9+/=]{60,}$/);
    const exported = labPulumi(name, ["stack", "export"], STACK);
    expect(exported.code).toBe(0);
    expect(exported.stdout).not.toContain("PRIVATE KEY");
    expect(firstApply).not.toContain("PRIVATE KEY");
    expect(bodies.filter((b) => exported.stdout.includes(b) || firstApply.includes(b))).toEqual([]);
  });

  test("a later up connects as the admin: a changed sshd setting is applied over the admin login, and the bootstrap phase is left alone", () => {
    const before = sshdT().get("maxauthtries");
    const updated = (out: string): string[] => [...out.matchAll(/^ ~ {2}command:remote:Command (\S+) updated\b/gm)].map((m) => m[1]).sort();
    const changed = labApply(name, STACK, ["--config", "ha-hardened-host:hosts[0].sshd.extraSettings.MaxAuthTries=2"]);
    expect(changed.code).toBe(0);
    expect(applyCounts(changed.stdout)).toMatchObject({ created: 0, replaced: 0, deleted: 0 });
    // Only admin-phase steps ran (the bootstrap key was removed from root by the first up, so it could not have).
    expect(updated(changed.stdout)).toEqual(["lab-sshd-config", "lab-verify-admin-login"]);
    expect(sshdT().get("maxauthtries")).toBe("2");
    const back = labApply(name, STACK);
    expect(back.code).toBe(0);
    expect(updated(back.stdout)).toEqual(["lab-sshd-config", "lab-verify-admin-login"]);
    expect(sshdT().get("maxauthtries")).toBe(before);
  }, 400_000);

  test("the host presents exactly the host keys pinned in config (Ed25519 and RSA), seen from the LAN", () => {
    freshSource(info.netns.lan);
    const r = inNs(info.netns.lan, "ssh-keyscan", ["-T", "5", "-t", "ed25519,rsa", "-p", String(info.port), info.address]);
    const seen = r.stdout.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(" ").slice(1, 3).join(" ")).sort();
    expect(seen).toEqual([pub("ssh_host_ed25519_key"), pub("ssh_host_rsa_key")].sort());
    expect(admin.hostKey).toBe(pub("ssh_host_ed25519_key"));
  }, 240_000);

  test("the hardened sshd refuses ssh-rsa (SHA-1) signatures: the command provider, pinned to an RSA key, asks only for that, so bootstrap.hostKey refuses RSA", () => {
    const known = (kind: string): string[] => ["-o", `HostKeyAlgorithms=${kind}`, "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=5", "-p", String(info.port), `nobody@${info.address}`, "true"];
    freshSource(info.netns.lan);
    const sha1 = inNs(info.netns.lan, "ssh", known("ssh-rsa"));
    expect(sha1.stderr).toMatch(/no matching host key type found/);
    const sha2 = inNs(info.netns.lan, "ssh", known("rsa-sha2-512"));
    expect(sha2.stderr).not.toMatch(/no matching host key type found/);
  }, 240_000);

  test("the admin logs in from the LAN with its key and has passwordless sudo", () => {
    const r = sshAttempt(info.netns.lan, admin, "publickey", { remote: "sudo -n true && id -un" });
    expect(r.ok).toBe(true);
    expect(r.stderr).toMatch(/Authenticated to .* using "publickey"/);
    expect(r.stdout.trim()).toBe(admin.user);
  }, 240_000);

  test("root cannot log in, even with a key that root's authorized_keys trusts", () => {
    asAdmin(admin, "sudo -n install -d -m 700 /root/.ssh && sudo -n tee -a /root/.ssh/authorized_keys >/dev/null", pub("operator_ed25519") + "\n");
    freshSource(info.netns.lan);
    const r = sshAttempt(info.netns.lan, { ...admin, user: "root" }, "publickey");
    expect(r.ok).toBe(false);
    expect(r.stderr).toMatch(/Permission denied \(publickey\)/);
  }, 240_000);

  test("password and keyboard-interactive logins are refused even with the right password; the server offers only publickey", () => {
    asAdmin(admin, "sudo -n chpasswd", `${admin.user}:${pw}\nroot:${pw}\n`);
    // Prove the password is right: the shadow hash matches it (checked on the host, password on stdin).
    const check = `sudo -n perl -e 'my $p = <STDIN>; chomp $p; for (@ARGV) { my $h = (getpwnam($_))[1]; print "$_=", (crypt($p, $h) eq $h ? "right" : "wrong"), "\\n" }' ${admin.user} root`;
    expect(asAdmin(admin, check, pw + "\n").trim().split("\n")).toEqual([`${admin.user}=right`, "root=right"]);
    for (const user of [admin.user, "root"]) {
      for (const method of ["password", "keyboard-interactive"] as const) {
        freshSource(info.netns.lan);
        const r = sshAttempt(info.netns.lan, { ...admin, user, keyPath: undefined }, method, { password: pw });
        expect({ user, method, ok: r.ok }).toEqual({ user, method, ok: false });
        expect(r.methodsOffered).toBe("publickey");
      }
    }
  }, 240_000);

  test("nmap from the LAN finds the SSH port offering only the project's algorithms (ssh2-enum-algos)", () => {
    freshSource(info.netns.lan);
    const r = inNs(info.netns.lan, "nmap", ["-Pn", "-n", "-p", String(info.port), "--script", "ssh2-enum-algos", info.address], { timeoutMs: 120_000 });
    expect(r.stdout).toMatch(new RegExp(`^${info.port}/tcp\\s+open`, "m"));
    const section = (title: string): string[] => {
      const m = new RegExp(`${title}: \\(\\d+\\)\\n((?:\\|\\s{6,}\\S+\\n)+)`).exec(r.stdout.replace(/\|_/g, "| "));
      return (m?.[1] ?? "").split("\n").map((l) => l.replace(/^\|\s+/, "").trim()).filter(Boolean);
    };
    // kex-strict-s-v00@openssh.com is a marker for strict key exchange (CVE-2023-48795), not an algorithm.
    // ext-info-s (OpenSSH 10) and kex-strict-s-v00@openssh.com (CVE-2023-48795) are protocol markers, not algorithms.
    expect(section("kex_algorithms").filter((a) => a !== "ext-info-s")).toEqual([...algorithms.kex, "kex-strict-s-v00@openssh.com"]);
    expect(section("encryption_algorithms")).toEqual([...algorithms.ciphers]);
    expect(section("mac_algorithms")).toEqual([...algorithms.macs]);
    expect(section("server_host_key_algorithms").every((a) => (STRONG_HOST_KEY_ALGORITHMS as readonly string[]).includes(a))).toBe(true);
    expect(section("compression_algorithms")).toEqual(["none"]);
  }, 240_000);

  test("the homeassistant user cannot log in, even with a key in its authorized_keys (no login shell, not allowed)", () => {
    const entry = asAdmin(admin, "getent passwd homeassistant").trim().split(":");
    expect(entry[6]).toMatch(/nologin$/);
    const home = entry[5];
    asAdmin(admin, `sudo -n install -d -m 700 -o homeassistant ${home}/.ssh && sudo -n tee ${home}/.ssh/authorized_keys >/dev/null && sudo -n chown homeassistant ${home}/.ssh/authorized_keys`, pub("operator_ed25519") + "\n");
    freshSource(info.netns.lan);
    const r = sshAttempt(info.netns.lan, { ...admin, user: "homeassistant" }, "publickey");
    expect(r.ok).toBe(false);
    expect(r.stderr).toMatch(/Permission denied/);
  }, 240_000);

  test("the live read-back finds no drift: sshd -T on the host shows every enforced baseline value", () => {
    expect(sshdBaseline(series).filter((s) => s.enforced).length).toBeGreaterThan(5);
    expect(sshdDrift(asAdmin(admin, "sudo -n sshd -T"), series)).toEqual([]);
  }, 240_000);

  test(`the newest ssh-audit, from the LAN, passes its built-in "${algorithms.auditPolicy}" policy and rates nothing fail (nor warn, but for what that policy requires)`, () => {
    const sshAudit = sshAuditCommand();
    freshSource(info.netns.lan);
    const p = inNs(info.netns.lan, sshAudit, ["-n", "-P", algorithms.auditPolicy, "-p", String(info.port), info.address], { timeoutMs: 120_000 });
    expect(p.stdout).toMatch(/Result: .*Passed/);
    expect(p.code).toBe(0);
    freshSource(info.netns.lan);
    const full = inNs(info.netns.lan, sshAudit, ["-n", "-p", String(info.port), info.address], { timeoutMs: 120_000 });
    expect(full.stdout).toMatch(new RegExp(`\\(kex\\) ${algorithms.kex[0]}`));
    expect(full.stdout.split("\n").filter((l) => /\[fail\]/.test(l))).toEqual([]);
    // The one warning left is by design: the Debian 12 policy itself requires classical key exchanges beside
    // sntrup761 (for clients older than OpenSSH 9.0), and ssh-audit 3.9 warns that they are not post-quantum.
    const warned = full.stdout.split("\n").filter((l) => /\[warn\]/.test(l));
    const byDesign = (l: string): boolean => /^\(kex\) (\S+).*-- \[warn\] does not provide protection against post-quantum attacks$/.test(l) && algorithms.kex.includes(l.split(/\s+/)[1]);
    expect(warned.filter((l) => !byDesign(l))).toEqual([]);
    if (series === "10.0") expect(warned).toEqual([]);
  }, 300_000);

  test(`a source that keeps connecting without logging in is ${series === "10.0" ? "shut out by OpenSSH 10's per-source penalties, while another source still gets in" : "still answered by OpenSSH 9.2, which has no per-source penalties"}`, () => {
    const scans = 25; // under the firewall's per-source burst, so sshd, not the firewall, decides
    const answered = (): boolean => inNs(info.netns.lan, "ssh-keyscan", ["-T", "3", "-t", "ed25519", "-p", String(info.port), info.address], { timeoutMs: 20_000 }).stdout.includes("ssh-ed25519");
    freshSource(info.netns.lan);
    const seen: boolean[] = [];
    for (let i = 0; i < scans && (seen.length === 0 || seen[seen.length - 1]); i++) seen.push(answered());
    expect(seen[0]).toBe(true);
    if (series === "10.0") {
      expect(seen[seen.length - 1]).toBe(false);
      freshSource(info.netns.lan);
      expect(answered()).toBe(true);
    } else {
      expect(seen).toEqual(Array(scans).fill(true));
    }
  }, 300_000);

  const deployed = (): string => JSON.stringify(JSON.parse(labPulumi(name, ["stack", "export"], STACK).stdout).deployment.resources ?? []);

  test("a stack that would lock the admin out, or that breaks a mandatory policy, is refused before it reaches the host", () => {
    const before = { state: deployed(), dropIn: dropInSha() };
    const variants: [string, number, RegExp][] = [
      [`ha-hardened-host:hosts[0].sshd.extraSettings.AllowUsers=nobody`, 2, /hosts\[0\]\.sshd\.extraSettings\.AllowUsers: must include the admin/],
      [`ha-hardened-host:hosts[0].admin.authorizedKeys=[]`, 2, /hosts\[0\]\.admin\.authorizedKeys: must have at least one key/],
      [`ha-hardened-host:hosts[0].sshd.extraSettings.PasswordAuthentication=yes`, 1, /\[mandatory\] \[severity: high\] +ssh-password-auth-disabled/],
    ];
    for (const [config, code, message] of variants) {
      const r = labApply(name, STACK, ["--config", config]);
      expect({ config, code: r.code }).toEqual({ config, code });
      expect(r.stdout).toMatch(message);
      expect(r.stderr).toMatch(code === 2 ? /refused: the stack config is invalid; nothing was sent to/ : /refused: 1 mandatory policy violation\(s\); nothing was sent to/);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stdout).not.toMatch(/^Updating \(/m); // the preview refused it: the update never started
    }
    expect({ state: deployed(), dropIn: dropInSha() }).toEqual(before);
  }, 240_000);

  test("an sshd config that fails `sshd -t` never reaches a reload: the old config keeps serving new logins", () => {
    const sighups = (): number => asAdmin(admin, "sudo -n journalctl -u ssh.service --no-pager -o cat | grep -c 'Received SIGHUP' || true").trim() as unknown as number;
    const before = { dropIn: dropInSha(), maxSessions: sshdT().get("maxsessions"), reloads: sighups() };
    const r = labApply(name, STACK, ["--config", "ha-hardened-host:hosts[0].sshd.extraSettings.MaxSessions=lots"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/command:remote:Command \(lab-sshd-config\):\n\s+error: Process exited with status 1/);
    expect(r.stdout).toMatch(/host lab, step lab-sshd-config: sshd -t rejects the new drop-in [^;]*MaxSessions[^;]*; nothing was changed and sshd keeps its current config; fix: correct sshd\.extraSettings/);
    // A NEW login (sshAttempt dials afresh) still works, and sshd serves the old values.
    expect(sshAttempt(info.netns.lan, admin, "publickey").ok).toBe(true);
    expect({ dropIn: dropInSha(), maxSessions: sshdT().get("maxsessions"), reloads: sighups() }).toEqual(before);
    // The failed update stored nothing: the unchanged stack is again a no-op.
    const again = labApply(name, STACK);
    expect(again.code).toBe(0);
    expect(applyCounts(again.stdout)).toMatchObject(NO_CHANGES);
  }, 240_000);

  test("pulumi refresh finds nothing to change; pulumi destroy empties the state and leaves the host hardened (destroy undoes nothing on the box)", () => {
    const refresh = labPulumi(name, ["refresh", "--yes", "--non-interactive", "--expect-no-changes"], STACK);
    expect(refresh.code).toBe(0);
    const before = { dropIn: dropInSha(), sshd: sshdT().get("passwordauthentication") };
    const destroy = labPulumi(name, ["destroy", "--yes", "--non-interactive"], STACK);
    expect(destroy.code).toBe(0);
    expect(JSON.parse(deployed())).toEqual([]);
    expect({ dropIn: dropInSha(), sshd: sshdT().get("passwordauthentication") }).toEqual(before);
    expect(sshAttempt(info.netns.lan, admin, "publickey").ok).toBe(true);
    freshSource(info.netns.lan);
    expect(sshAttempt(info.netns.lan, { ...admin, user: "root" }, "publickey").ok).toBe(false);
  }, 400_000);
});
