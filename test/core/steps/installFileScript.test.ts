import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { remoteScript } from "../../../src/core/remoteScript";
import { INSTALL_FILE_SCRIPT } from "../../../src/core/steps/installFileScript";
import { runCreate } from "../../support/runCreate";

const me = os.userInfo().username;
const group = fs.readFileSync("/etc/group", "utf8").split("\n").find((l) => l.split(":")[2] === String(os.userInfo().gid))!.split(":")[0];

function install(target: string, content: string, mode = "0600") {
  const create = remoteScript({
    manifest: { kind: "file", host: "t", path: target, mode, owner: me, group },
    step: "t-file",
    script: INSTALL_FILE_SCRIPT,
    args: [target, mode, me, group],
    user: "root",
  });
  return runCreate(create, content);
}

describe("install-file script", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-file-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("installs stdin with the mode asked, then reports unchanged on a re-run (idempotent)", () => {
    const target = path.join(dir, "sub", "key");
    const first = install(target, "secret\n");
    expect(first.stderr).toBe("");
    expect(first.stdout.trim()).toBe(`changed ${target}`);
    expect(fs.readFileSync(target, "utf8")).toBe("secret\n");
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(install(target, "secret\n").stdout.trim()).toBe(`unchanged ${target}`);
    expect(fs.readdirSync(path.dirname(target))).toEqual(["key"]); // no temp files left behind
  });

  test("new content or a drifted mode is changed back", () => {
    const target = path.join(dir, "f");
    install(target, "a\n");
    expect(install(target, "b\n").stdout.trim()).toBe(`changed ${target}`);
    fs.chmodSync(target, 0o644);
    expect(install(target, "b\n").stdout.trim()).toBe(`changed ${target}`);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  });

  test("converges after an interruption that left a temp file behind", () => {
    const target = path.join(dir, "f");
    fs.writeFileSync(path.join(dir, ".ha-hardened-host.ABC123"), "half");
    expect(install(target, "x\n").stdout.trim()).toBe(`changed ${target}`);
    expect(fs.readFileSync(target, "utf8")).toBe("x\n");
  });

  test("a symlink at the target is replaced by a real file, never written through", () => {
    const target = path.join(dir, "f");
    const elsewhere = path.join(dir, "elsewhere");
    fs.writeFileSync(elsewhere, "x\n");
    fs.symlinkSync(elsewhere, target);
    expect(install(target, "x\n").stdout.trim()).toBe(`changed ${target}`);
    expect(fs.lstatSync(target).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(elsewhere, "utf8")).toBe("x\n");
  });
});
