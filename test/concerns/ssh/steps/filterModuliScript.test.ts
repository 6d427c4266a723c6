import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { remoteScript } from "../../../../src/core/remoteScript";
import { FILTER_MODULI_SCRIPT } from "../../../../src/concerns/ssh/steps/filterModuliScript";
import { runCreate } from "../../../support/runCreate";

const line = (size: number) => `20230101000000 2 6 100 ${size} 2 ${"F".repeat(16)}`;

function filter(file: string) {
  return runCreate(remoteScript({ manifest: { kind: "script", host: "t", purpose: "moduli" }, step: "t-moduli", script: FILTER_MODULI_SCRIPT, args: [file], user: "root" }));
}

describe("moduli filter script", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-moduli-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("keeps comments and moduli of 3071 bits (3072-bit groups) and up, drops smaller ones, then is unchanged", () => {
    const f = path.join(dir, "moduli");
    fs.writeFileSync(f, ["# Time Type Tests Tries Size Generator Modulus", line(2047), line(3071), line(3070), line(4095), line(8191)].join("\n") + "\n");
    expect(filter(f).stdout.trim()).toBe(`changed ${f}`);
    expect(fs.readFileSync(f, "utf8")).toBe(["# Time Type Tests Tries Size Generator Modulus", line(3071), line(4095), line(8191)].join("\n") + "\n");
    expect(fs.statSync(f).mode & 0o777).toBe(0o644);
    expect(filter(f).stdout.trim()).toBe(`unchanged ${f}`);
    expect(fs.readdirSync(dir)).toEqual(["moduli"]);
  });

  test("leaves the file alone and warns, naming host, step and fix, when nothing strong would remain", () => {
    const f = path.join(dir, "moduli");
    const text = [line(1535), line(2047)].join("\n") + "\n";
    fs.writeFileSync(f, text);
    const r = filter(f);
    expect(r.status).toBe(0);
    expect(fs.readFileSync(f, "utf8")).toBe(text);
    expect(r.stderr).toMatch(/host t, step t-moduli: no modulus of at least 3071 bits .* fix: /);
  });

  test("a host without /etc/moduli is fine (sshd uses built-in groups)", () => {
    expect(filter(path.join(dir, "absent")).stdout).toMatch(/^unchanged/);
  });
});
