import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

// Runs the built CLI (npm test builds first) as a separate process, as a user would.
const CLI = path.resolve(__dirname, "../../dist/src/cli/lab.js");

function lab(args: string[], asNobody = false): { code: number | null; stdout: string; stderr: string } {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const cmd = asNobody ? "setpriv" : process.execPath;
  const argv = asNobody ? ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, CLI, ...args] : [CLI, ...args];
  const r = spawnSync(cmd, argv, { encoding: "utf8", timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run lab", () => {
  test("up as a non-root user exits 2 with a message saying root is required, not a stack trace", () => {
    const r = lab(["up", "--name", "t-cli"], true);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lab up: the lab must run as root/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });

  test("down on a lab that is not up says so and exits 0, so cleanup scripts can always call it", () => {
    const r = lab(["down", "--name", "t-cli-none"]);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "lab t-cli-none is not up; nothing to remove\n" });
  });

  test("a lab name that cannot become an interface name is refused with the pattern it must match", () => {
    const r = lab(["up", "--name", "Bad_Name"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lab name must match .* got "Bad_Name"/);
  });

  test("up with an OS the lab cannot boot is refused with the accepted ones, before anything starts", () => {
    for (const args of [["--os", "debian-11"], ["--os=debian-11"]]) {
      const r = lab(["up", "--name", "t-cli-os", ...args]);
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: "" });
      expect(r.stderr).toBe('lab up: --os must be one of debian-13, debian-12, got "debian-11"\n');
    }
    expect(lab(["up", "--os"]).stderr).toBe("lab up: --os must be followed by a lab OS\n");
  });

  test("--os belongs to up only: other commands refuse it as an unknown argument", () => {
    const r = lab(["down", "--name", "t-cli-none", "--os", "debian-13"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^lab down: unknown argument "--os"\nusage: npm run lab/);
  });

  test("an unknown subcommand prints the usage and exits 2", () => {
    const r = lab(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown lab command "frobnicate"\nusage: npm run lab/);
  });

  test("ssh to a lab that is not running says how to start it instead of trying to connect", () => {
    const r = lab(["ssh", "--name", "t-cli-none", "--", "true"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lab t-cli-none is not running; start it with: npm run lab -- up --name t-cli-none/);
  });
});
