import { decodeManifest, StepManifest } from "../../src/core/stepManifest";
import { remoteScript, shellQuote } from "../../src/core/remoteScript";
import { runCreate } from "../support/runCreate";

const manifest: StepManifest = { kind: "script", host: "ha-pi", purpose: "test" };

describe("remoteScript", () => {
  test("the manifest is the first line, so policies and the lab can read what the step does", () => {
    const create = remoteScript({ manifest, step: "ha-pi-x", script: "true", user: "root" });
    expect(decodeManifest(create)).toEqual(manifest);
  });

  test("arguments reach the script byte for byte, whatever quotes, spaces or shell syntax they hold", () => {
    const args = ["it's", 'a "b" $HOME `id` ;rm -rf /tmp/nope', "", "new\nline", "\\"];
    const create = remoteScript({ manifest, step: "ha-pi-x", script: 'for a in "$@"; do printf "[%s]" "$a"; done', args, user: "root" });
    const r = runCreate(create);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(args.map((a) => `[${a}]`).join(""));
  });

  test("a non-root login escalates with sudo -n -- (never prompts), unless the step proves sudo itself", () => {
    expect(remoteScript({ manifest, step: "s", script: "true", user: "hhadmin" }).split("\n")[1]).toMatch(/^sudo -n -- bash -c '/);
    expect(remoteScript({ manifest, step: "s", script: "true", user: "root" }).split("\n")[1]).toMatch(/^bash -c '/);
    expect(remoteScript({ manifest, step: "s", script: "true", user: "hhadmin", escalate: false }).split("\n")[1]).toMatch(/^bash -c '/);
  });

  test("an unexpected failure names host, step, the failed command, its exit code and the fix", () => {
    const r = runCreate(remoteScript({ manifest, step: "ha-pi-moduli", script: "true\nfalse\necho never", user: "root" }));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('ha-hardened-host: host ha-pi, step ha-pi-moduli: command "false" failed with exit code 1; fix:');
  });

  test("fail MESSAGE FIX says a known problem plainly, once", () => {
    const r = runCreate(remoteScript({ manifest, step: "ha-pi-x", script: 'fail "the thing is broken" "mend it"', user: "root" }));
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("ha-hardened-host: host ha-pi, step ha-pi-x: the thing is broken; fix: mend it");
  });

  test("unset variables and failing pipes stop the script (set -euo pipefail)", () => {
    expect(runCreate(remoteScript({ manifest, step: "s", script: 'echo "$nope"', user: "root" })).status).not.toBe(0);
    expect(runCreate(remoteScript({ manifest, step: "s", script: "false | true", user: "root" })).status).not.toBe(0);
  });

  test("shellQuote wraps in single quotes and escapes embedded ones", () => {
    expect(shellQuote("a'b")).toBe("'a'\\''b'");
  });
});
