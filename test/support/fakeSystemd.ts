import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Test doubles for systemd on a host without it (this controller's PID 1 is not systemd): `systemd-run`
 * records the transient timer it was asked to arm (unit, delay, command) as a file; `systemctl` answers
 * `is-active` from those files, `stop` removes them, and logs every call. `sudo` stands for a NOPASSWD rule
 * (runs the command as is). `fire(unit)` runs the armed command, as the timer would when it elapses.
 */
export class FakeSystemd {
  readonly bin: string;
  readonly state: string;

  constructor() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-systemd-"));
    this.bin = path.join(dir, "bin");
    this.state = path.join(dir, "state");
    fs.mkdirSync(this.bin);
    fs.mkdirSync(this.state);
    const s = this.state;
    fs.writeFileSync(path.join(this.bin, "systemd-run"), `#!/bin/bash
unit='' delay=''
while [ $# -gt 0 ]; do case $1 in --unit=*) unit=\${1#--unit=};; --on-active=*) delay=\${1#--on-active=};; --timer-property=RemainAfterElapse=no) ;; --quiet) ;; *) break;; esac; shift; done
[ -e '${s}/'"$unit".timer ] && { echo "Unit $unit.timer already exists." >&2; exit 1; }
printf '%s\\n' "$delay" "$@" > '${s}/'"$unit".timer
echo "systemd-run $unit $delay $*" >> '${s}/log'
`, { mode: 0o755 });
    fs.writeFileSync(path.join(this.bin, "systemctl"), `#!/bin/bash
echo "systemctl $*" >> '${s}/log'
args=(); for a in "$@"; do case $a in --quiet|--) ;; *) args+=("$a");; esac; done
case \${args[0]} in
  is-active) [ -e '${s}/'"\${args[1]}" ];;
  stop) rm -f '${s}/'"\${args[1]}";;
  *) exit 0;;
esac
`, { mode: 0o755 });
    fs.writeFileSync(path.join(this.bin, "sudo"), `#!/bin/sh\n[ "$1" = -n ] && shift\n[ "$1" = -- ] && shift\nexec "$@"\n`, { mode: 0o755 });
  }

  log(): string[] {
    const f = path.join(this.state, "log");
    return fs.existsSync(f) ? fs.readFileSync(f, "utf8").trim().split("\n") : [];
  }

  clearLog(): void {
    fs.rmSync(path.join(this.state, "log"), { force: true });
  }

  armed(unit: string): { delay: string; command: string[] } | undefined {
    const f = path.join(this.state, `${unit}.timer`);
    if (!fs.existsSync(f)) return undefined;
    const [delay, ...command] = fs.readFileSync(f, "utf8").trim().split("\n");
    return { delay, command };
  }

  cleanup(): void {
    fs.rmSync(path.dirname(this.bin), { recursive: true, force: true });
  }
}
