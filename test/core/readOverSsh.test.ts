import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { readOverSsh, sshReadArgs, SshTarget } from "../../src/core/readOverSsh";
import { debianTools } from "../support/debianTools";
import { keys } from "../support/keyFixtures";

/**
 * The read-back's SSH client (the controller's OpenSSH) against a real sshd on loopback, run from Debian's own
 * package: a login with the pinned host key works, any other host key is refused before a key is offered.
 */
describe("readOverSsh against a real sshd on 127.0.0.1", () => {
  let dir: string;
  let sshd: ChildProcess;
  let port: number;
  const tempDirs = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("ha-hardened-host-read-")).length;
  const target = (): SshTarget => ({ host: "127.0.0.1", port, user: "root", privateKey: keys().automation.privateKey, hostKey: keys().hostEd25519.publicKey });

  beforeAll(async () => {
    const tools = debianTools();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "read-over-ssh-test-"));
    const k = keys();
    fs.writeFileSync(path.join(dir, "host_key"), k.hostEd25519.privateKey, { mode: 0o600 });
    fs.writeFileSync(path.join(dir, "authorized_keys"), `${k.automation.publicKey}\n`, { mode: 0o600 });
    port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const config = [`ListenAddress 127.0.0.1:${port}`, `HostKey ${dir}/host_key`, `AuthorizedKeysFile ${dir}/authorized_keys`, "StrictModes no", "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no", "PermitRootLogin prohibit-password"].join("\n");
    fs.writeFileSync(path.join(dir, "sshd_config"), `${config}\n`);
    sshd = spawn(path.join(tools.bin, "sshd"), ["-D", "-e", "-f", path.join(dir, "sshd_config")], { stdio: "ignore" });
    // sshd listening: at most 100 tries, 100 ms apart.
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const c = net.connect(port, "127.0.0.1", () => (c.destroy(), resolve(true)));
        c.on("error", () => resolve(false));
      });
      if (up) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`sshd did not listen on 127.0.0.1:${port}`);
  }, 180_000);

  afterAll(() => {
    sshd?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("a login to the host that presents the pinned key runs the command and returns its output and exit code", async () => {
    const r = await readOverSsh(target(), "echo out; echo err >&2; exit 3");
    expect(r).toEqual({ code: 3, stdout: "out\n", stderr: "err\n" });
  });

  test("a host presenting any other key is refused (exit 255) before the command runs", async () => {
    const r = await readOverSsh({ ...target(), hostKey: keys().freshBoxHost.publicKey }, "echo ran");
    expect(r.code).toBe(255);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/host key/i);
  });

  test("a key the host does not know is refused (exit 255): the read is no pass", async () => {
    const r = await readOverSsh({ ...target(), privateKey: keys().bootstrap.privateKey }, "echo ran");
    expect(r.code).toBe(255);
    expect(r.stdout).toBe("");
  });

  test("the private key lives only in a 0600 file for the one login, gone afterwards, and is never an argument", async () => {
    const before = tempDirs();
    const r = await readOverSsh(target(), "true");
    expect(r.code).toBe(0);
    expect(tempDirs()).toBe(before);
    const args = sshReadArgs(target(), { key: "/k", knownHosts: "/kh" }, "true", 15);
    expect(args.join(" ")).not.toContain("PRIVATE KEY");
    expect(args).toEqual(expect.arrayContaining(["-F", "none", "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "IdentityAgent=none", "-o", "IdentitiesOnly=yes"]));
  });

  test("no OpenSSH client on this machine is exit 127 saying so, never a login that merely failed", async () => {
    const r = await readOverSsh(target(), "true", { ssh: "/nonexistent/ssh" });
    expect(r).toEqual({ code: 127, stdout: "", stderr: "the OpenSSH client (/nonexistent/ssh) is not installed on this machine\n" });
  });

  test("a command that does not end is stopped at the time limit and reported as no answer (124), never as a refused login", async () => {
    const r = await readOverSsh(target(), "sleep 60", { timeoutMs: 3000 });
    expect(r.code).toBe(124);
    expect(r.stderr).toContain("no answer within 3 s");
  }, 30_000);
});
