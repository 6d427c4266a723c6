import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Stands for a remote host when testing step scripts locally: each `run` executes a step's `create` string the
 * way the command provider does (the login shell gets it as one command, stdin piped), inside a private mount
 * namespace whose /etc, /home, /root, /var/lib and /run are overlays that persist between runs of the same
 * IsolatedHost — so useradd, sudoers and authorized_keys changes are real but never touch the controller.
 */
export class IsolatedHost {
  readonly dir: string;
  private readonly dirs = ["/etc", "/home", "/root", "/var/lib"];

  constructor(private readonly extraPath: string[] = []) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-host-"));
    for (const d of this.dirs) {
      const n = d.replace(/\//g, "_");
      fs.mkdirSync(path.join(this.dir, `u${n}`));
      fs.mkdirSync(path.join(this.dir, `w${n}`));
    }
  }

  run(create: string, stdin = ""): { status: number; stdout: string; stderr: string } {
    const mounts = this.dirs
      .map((d) => {
        const n = d.replace(/\//g, "_");
        return `mount -t overlay overlay -o lowerdir=${d},upperdir=${this.dir}/u${n},workdir=${this.dir}/w${n} ${d}`;
      })
      .join(" && ");
    const script = `set -e; mount --make-rprivate /; ${mounts}; export PATH='${[...this.extraPath, process.env.PATH].join(":")}'; exec sh -c "$1"`;
    const r = spawnSync("unshare", ["-m", "sh", "-c", script, "isolated-host", create], { input: stdin, encoding: "utf8", timeout: 60_000 });
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  /** Reads a file as the isolated host sees it. */
  read(file: string): string {
    return this.run(`cat '${file}'`).stdout;
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
