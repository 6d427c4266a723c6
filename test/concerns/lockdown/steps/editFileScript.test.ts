import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EDIT_FILE_SCRIPT } from "../../../../src/concerns/lockdown/steps/editFileScript";
import { remoteScript } from "../../../../src/core/remoteScript";
import { runCreate } from "../../../support/runCreate";

function edit(file: string, how: "keys" | "fstab" | "pam", lines: string[]) {
  const create = remoteScript({ manifest: { kind: "file-edit", host: "t", path: file, edit: how }, step: "t-edit", script: EDIT_FILE_SCRIPT, args: [file, how], user: "root" });
  return runCreate(create, lines.join("\n") + "\n");
}

describe("file edit script", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hhh-edit-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("keys: replaces a key's line in place, drops its duplicates, appends a missing key (Debian 13's login.defs lacks UMASK), then is unchanged", () => {
    const f = path.join(dir, "login.defs");
    fs.writeFileSync(f, "# UMASK 022 in a comment stays\nPASS_MAX_DAYS\t99999\nMAIL_DIR /var/mail\nPASS_MAX_DAYS 5\n", { mode: 0o644 });
    expect(edit(f, "keys", ["PASS_MAX_DAYS 365", "UMASK 027"]).stdout.trim()).toBe(`changed ${f}`);
    expect(fs.readFileSync(f, "utf8")).toBe("# UMASK 022 in a comment stays\nPASS_MAX_DAYS 365\nMAIL_DIR /var/mail\nUMASK 027\n");
    expect(fs.statSync(f).mode & 0o777).toBe(0o644);
    expect(edit(f, "keys", ["PASS_MAX_DAYS 365", "UMASK 027"]).stdout.trim()).toBe(`unchanged ${f}`);
    expect(fs.readdirSync(dir)).toEqual(["login.defs"]);
  });

  test("keys: a KEY=VALUE line (/etc/default/debsums) is keyed by the name before the =", () => {
    const f = path.join(dir, "debsums");
    fs.writeFileSync(f, "# Set this to never to disable\nCRON_CHECK=never\n");
    edit(f, "keys", ["CRON_CHECK=weekly"]);
    expect(fs.readFileSync(f, "utf8")).toBe("# Set this to never to disable\nCRON_CHECK=weekly\n");
  });

  test("fstab: replaces the line of the same mount point and keeps the others", () => {
    const f = path.join(dir, "fstab");
    fs.writeFileSync(f, "UUID=1 / ext4 defaults 0 1\ntmpfs /dev/shm tmpfs defaults 0 0\n");
    edit(f, "fstab", ["tmpfs /dev/shm tmpfs defaults,nodev,nosuid,noexec 0 0", "tmpfs /tmp tmpfs defaults,nodev,nosuid 0 0"]);
    expect(fs.readFileSync(f, "utf8")).toBe("UUID=1 / ext4 defaults 0 1\ntmpfs /dev/shm tmpfs defaults,nodev,nosuid,noexec 0 0\ntmpfs /tmp tmpfs defaults,nodev,nosuid 0 0\n");
  });

  test("pam: puts pam_wheel right after pam_rootok, so root still su's and everyone else must be in the group", () => {
    const f = path.join(dir, "su");
    fs.writeFileSync(f, "auth       sufficient pam_rootok.so\n# auth       required   pam_wheel.so\n@include common-auth\n");
    const line = "auth       required   pam_wheel.so use_uid group=sudo";
    edit(f, "pam", [line]);
    expect(fs.readFileSync(f, "utf8")).toBe(`auth       sufficient pam_rootok.so\n${line}\n# auth       required   pam_wheel.so\n@include common-auth\n`);
    expect(edit(f, "pam", [line]).stdout.trim()).toBe(`unchanged ${f}`);
  });

  test("pam: refuses to guess where the line goes when pam_rootok is missing, naming host, step and fix", () => {
    const f = path.join(dir, "su");
    fs.writeFileSync(f, "@include common-auth\n");
    const r = edit(f, "pam", ["auth required pam_wheel.so use_uid"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/host t, step t-edit: .* has no pam_rootok.so line .*; fix: restore/);
    expect(fs.readFileSync(f, "utf8")).toBe("@include common-auth\n");
  });

  test("fails with the path when the file is missing", () => {
    const r = edit(path.join(dir, "absent"), "keys", ["A 1"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/absent is missing; fix: reinstall/);
  });
});
