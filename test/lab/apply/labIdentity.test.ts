import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensureLabIdentity } from "../../../src/lab/apply/labIdentity";

test("lab keys are generated once, private halves 0600 in a 0700 folder, and reused on the next call", () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lab-id-")), "identity");
  try {
    const a = ensureLabIdentity(dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    for (const p of [a.operatorKeyPath, a.automationKeyPath, a.hostEd25519Path, a.hostRsaPath]) {
      expect(fs.statSync(p).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(p, "utf8")).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    }
    expect(a.hostEd25519Public).toMatch(/^ssh-ed25519 \S+$/);
    expect(fs.readFileSync(`${a.hostRsaPath}.pub`, "utf8")).toMatch(/^ssh-rsa /);
    const b = ensureLabIdentity(dir);
    expect(b).toEqual(a);
  } finally {
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }
}, 60_000);
