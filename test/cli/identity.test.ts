import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as sshpk from "sshpk";
import { FakePulumi } from "../support/fakePulumi";

// Runs the compiled CLI (npm test builds first), as `npm run identity` does, in a scratch project directory.
const CLI = path.join(__dirname, "../../dist/src/cli/identity.js");
const STACK = `config:
  ha-hardened-host:hosts:
    - name: ha-pi
      address: 192.168.1.20
      bootstrap:
        privateKey:
          secure: v1:abc
      hostKeys:
        rsa:
          secure: v1:def
`;

function run(args: string[], pathPrefix: string[] = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-identity-"));
  fs.mkdirSync(path.join(dir, "stacks"));
  fs.writeFileSync(path.join(dir, "stacks", "Pulumi.t.yaml"), STACK);
  // PATH without any real pulumi: only system dirs plus the fakes given.
  const env = { ...process.env, PATH: [...pathPrefix, "/usr/local/bin", "/usr/bin", "/bin"].join(":"), HOME: dir };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env, encoding: "utf8", timeout: 120_000 });
  return { ...r, dir };
}

const privateKeyPattern = /PRIVATE KEY|b3BlbnNzaC1rZXktdjE/;

describe("npm run identity", () => {
  test("with the Pulumi CLI: generates only the missing keys and feeds each private key to `pulumi config set --secret` on stdin, never in argv or output", () => {
    const pulumi = new FakePulumi();
    try {
      const r = run(["--stack", "t"], [pulumi.bin]);
      expect(r.status).toBe(0);
      const calls = pulumi.calls();
      const secretCalls = calls.filter((c) => c.args.includes("--secret"));
      expect(secretCalls.map((c) => c.args)).toEqual([
        ["config", "set", "--secret", "--path", "ha-hardened-host:hosts[0].hostKeys.ed25519", "--stack", "t"],
        ["config", "set", "--secret", "--path", "ha-hardened-host:hosts[0].automationKey", "--stack", "t"],
      ]);
      for (const c of secretCalls) expect(sshpk.parsePrivateKey(c.stdin, "ssh").type).toBe("ed25519");
      for (const c of calls) expect(c.args.join(" ")).not.toMatch(privateKeyPattern);
      const publicCopy = calls.find((c) => c.args.includes("ha-hardened-host:hosts[0].hostKeys.ed25519Public"))!;
      expect(publicCopy.args.at(-1)).toMatch(/^ssh-ed25519 AAAA\S+ ha-pi host key$/);
      const stored = sshpk.parsePrivateKey(secretCalls[0].stdin, "ssh").fingerprint("sha256").toString();
      expect(sshpk.parseKey(publicCopy.args.at(-1)!, "ssh").fingerprint("sha256").toString()).toBe(stored);
      expect(r.stdout + r.stderr).not.toMatch(privateKeyPattern);
      expect(r.stdout).toMatch(/stored ha-hardened-host:hosts\[0\]\.hostKeys\.ed25519 \(secret, ed25519, SHA256:/);
    } finally {
      pulumi.cleanup();
    }
  });

  test("a failing `pulumi config set` stops with exit 1 and says how to fix it", () => {
    const pulumi = new FakePulumi({ failConfigSet: true });
    try {
      const r = run(["--stack", "t"], [pulumi.bin]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("fix: check `pulumi login` and the stack name");
    } finally {
      pulumi.cleanup();
    }
  });

  test("without the CLI: prints self-contained ssh-keygen | pulumi lines that store the keys and leave no file, and no secret", () => {
    const r = run(["--stack", "t"]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(privateKeyPattern);
    const lines = r.stdout.split("\n").filter((l) => l.startsWith("( umask 077"));
    expect(lines).toHaveLength(2);
    // The printed lines really work: run them against the fake CLI.
    const pulumi = new FakePulumi();
    try {
      for (const l of lines) {
        const x = spawnSync("bash", ["-c", l], { env: { ...process.env, PATH: `${pulumi.bin}:${process.env.PATH}` }, encoding: "utf8" });
        expect(x.status).toBe(0);
      }
      const secrets = pulumi.calls().filter((c) => c.args.includes("--secret"));
      expect(secrets).toHaveLength(2);
      for (const c of secrets) expect(sshpk.parsePrivateKey(c.stdin, "ssh").type).toBe("ed25519");
    } finally {
      pulumi.cleanup();
    }
  });

  test("--print-secrets without the CLI writes the keys to 0600 files in a 0700 directory, never to the terminal", () => {
    const r = run(["--stack", "t", "--print-secrets"]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(privateKeyPattern);
    const dir = /Wrote 2 private key\(s\) to (\S+) /.exec(r.stdout)![1];
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of fs.readdirSync(dir)) {
      expect(fs.statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(path.join(dir, f), "utf8")).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    }
  });

  test("bad arguments and a missing stack file exit 2 with a clear message", () => {
    expect(run([]).status).toBe(2);
    const r = run(["--stack", "nope"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("stack file stacks/Pulumi.nope.yaml does not exist");
  });
});
