import * as fs from "fs";
import * as path from "path";

/** A one-line secret kept in the lab's identity folder (0600), generated once by `make`: the same across rebuilds. */
export function ensureIdentityValue(dir: string, file: string, make: () => string): string {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) {
    const tmp = `${p}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, make() + "\n", { mode: 0o600 });
    fs.renameSync(tmp, p);
  }
  return fs.readFileSync(p, "utf8").trim();
}
