import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { runCommand } from "../host/runCommand";

/** Writes Packages, Packages.gz and an unsigned Release for a flat apt repository of the .debs in `dir`. */
export async function writeFlatRepoIndex(dir: string): Promise<number> {
  const scan = await runCommand("dpkg-scanpackages", ["--multiversion", "."], { cwd: dir, timeoutMs: 300_000 });
  const packages = scan.stdout;
  const count = (packages.match(/^Package: /gm) || []).length;
  if (count === 0) throw new Error(`dpkg-scanpackages found no .deb in ${dir}`);
  fs.writeFileSync(path.join(dir, "Packages"), packages);
  fs.writeFileSync(path.join(dir, "Packages.gz"), zlib.gzipSync(packages));
  const line = (name: string): string => {
    const data = fs.readFileSync(path.join(dir, name));
    return ` ${createHash("sha256").update(data).digest("hex")} ${data.length} ${name}`;
  };
  const release = [
    "Origin: ha-hardened-host-lab",
    "Label: ha-hardened-host-lab",
    "Suite: lab",
    "Codename: lab",
    `Date: ${new Date().toUTCString()}`,
    "SHA256:",
    line("Packages"),
    line("Packages.gz"),
    "",
  ].join("\n");
  fs.writeFileSync(path.join(dir, "Release"), release);
  return count;
}
