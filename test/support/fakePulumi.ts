import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Test double for the Pulumi CLI: a `pulumi` on PATH that answers `version`, and for `config set` records its
 * argv and the stdin it was fed (one JSON line per call), as the real CLI would receive them.
 */
export class FakePulumi {
  readonly bin: string;
  private readonly logFile: string;

  constructor(opts: { failConfigSet?: boolean } = {}) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-pulumi-"));
    this.bin = path.join(dir, "bin");
    this.logFile = path.join(dir, "calls.jsonl");
    fs.mkdirSync(this.bin);
    fs.writeFileSync(
      path.join(this.bin, "pulumi"),
      `#!/usr/bin/env node
const fs = require("fs");
const args = process.argv.slice(2);
if (args[0] === "version") { console.log("v3.274.1"); process.exit(0); }
const stdin = args.includes("--") ? "" : fs.readFileSync(0, "utf8");
fs.appendFileSync(${JSON.stringify(this.logFile)}, JSON.stringify({ args, stdin }) + "\\n");
process.exit(${opts.failConfigSet ? 1 : 0});
`,
      { mode: 0o755 },
    );
  }

  calls(): { args: string[]; stdin: string }[] {
    return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, "utf8").trim().split("\n").map((l) => JSON.parse(l)) : [];
  }

  cleanup(): void {
    fs.rmSync(path.dirname(this.bin), { recursive: true, force: true });
  }
}
