import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Real Debian binaries for tests that need them but are absent on the controller: sshd (openssh-server +
 * libwrap0) and visudo (sudo), fetched with `apt-get download` and unpacked with `dpkg -x` into a cache, never
 * installed. Wrappers in `bin/` run them: sshd inside a private mount namespace that supplies its privilege
 * separation user and /run/sshd, so `sshd -t` judges a config exactly as on a host. Throws (never skips) when
 * the tools cannot be had, saying why.
 */
export interface DebianTools {
  bin: string;
  sshd: string;
  visudo: string;
}

const CACHE = path.join(os.tmpdir(), "ha-hardened-host-test-tools-v1");

/** Unpacks into `dir`; wrappers refer to `finalDir`, where `dir` is renamed once complete. */
function build(dir: string, finalDir: string): void {
  const debs = path.join(dir, "debs");
  fs.mkdirSync(debs, { recursive: true });
  const root = path.join(dir, "root");
  const wanted = ["openssh-server", "libwrap0", "sudo"];
  // apt's own cache first (CI or the lab may have fetched them), then Debian's archive through apt.
  const cached = fs.existsSync("/var/cache/apt/archives") ? fs.readdirSync("/var/cache/apt/archives") : [];
  const toFetch: string[] = [];
  for (const pkg of wanted) {
    const deb = cached.find((f) => f.startsWith(`${pkg}_`) && f.endsWith(".deb"));
    if (deb) fs.copyFileSync(path.join("/var/cache/apt/archives", deb), path.join(debs, deb));
    else toFetch.push(pkg);
  }
  try {
    if (toFetch.length) execFileSync("apt-get", ["download", ...toFetch], { cwd: debs, stdio: "pipe", timeout: 120_000 });
  } catch (e) {
    throw new Error(`tests need ${wanted.join(", ")} unpacked from Debian's archive, but apt-get download failed: ${(e as Error).message.split("\n")[0]}; fix: make apt reachable or install openssh-server and sudo`);
  }
  for (const f of fs.readdirSync(debs)) execFileSync("dpkg", ["-x", path.join(debs, f), root]);
  fs.mkdirSync(path.join(dir, "bin"));
  fs.writeFileSync(path.join(dir, "passwd"), fs.readFileSync("/etc/passwd", "utf8") + "sshd:x:65534:65534::/run/sshd:/usr/sbin/nologin\n");
  const bin = path.join(finalDir, "bin");
  const passwd = path.join(finalDir, "passwd");
  const froot = path.join(finalDir, "root");
  const lib = `${froot}/usr/lib/x86_64-linux-gnu:${froot}/lib/x86_64-linux-gnu:${froot}/usr/libexec/sudo`;
  const sshdBinary = fs.existsSync("/usr/sbin/sshd") ? "/usr/sbin/sshd" : `${froot}/usr/sbin/sshd`;
  fs.writeFileSync(path.join(dir, "bin", "sshd-inner"),
    `#!/bin/sh\nset -e\nmount --make-rprivate /\nid sshd >/dev/null 2>&1 || mount --bind '${passwd}' /etc/passwd\nmount -t tmpfs tmpfs /run\nmkdir -p /run/sshd\nLD_LIBRARY_PATH='${lib}' exec '${sshdBinary}' "$@"\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, "bin", "sshd"), `#!/bin/sh\nexec unshare -m '${bin}/sshd-inner' "$@"\n`, { mode: 0o755 });
  const visudo = fs.existsSync("/usr/sbin/visudo") ? "/usr/sbin/visudo" : `${froot}/usr/sbin/visudo`;
  fs.writeFileSync(path.join(dir, "bin", "visudo"), `#!/bin/sh\nLD_LIBRARY_PATH='${lib}' exec '${visudo}' "$@"\n`, { mode: 0o755 });
}

export function debianTools(): DebianTools {
  if (process.getuid?.() !== 0) throw new Error("these tests need root (unshare -m, mount) as the lab does; fix: run npm test as root");
  if (!fs.existsSync(path.join(CACHE, "bin", "sshd"))) {
    const tmp = fs.mkdtempSync(CACHE + ".tmp-");
    build(tmp, CACHE);
    try {
      fs.renameSync(tmp, CACHE);
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true }); // another worker won the race
    }
  }
  return { bin: path.join(CACHE, "bin"), sshd: path.join(CACHE, "bin", "sshd"), visudo: path.join(CACHE, "bin", "visudo") };
}
