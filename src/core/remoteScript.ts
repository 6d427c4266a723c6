import { encodeManifest, StepManifest } from "./stepManifest";

/** Single-quotes a word for a POSIX shell: `it's` -> `'it'\''s'`. */
export function shellQuote(word: string): string {
  return "'" + word.replace(/'/g, "'\\''") + "'";
}

export interface RemoteScriptOptions {
  manifest: StepManifest;
  /** Resource name of the step, for error messages (`ha-pi-sshd-config`). */
  step: string;
  /** bash script body; `$1…` are `args`. Runs under `set -euo pipefail`. */
  script: string;
  args?: readonly string[];
  /** The SSH login user; anything but root runs the script through `sudo -n --`. */
  user: string;
  /** false: run as the login user even when it is not root (the script calls sudo itself). */
  escalate?: boolean;
}

/**
 * Builds a step's `create` command: the manifest comment line, then
 * `[sudo -n --] bash -c '<prelude + script>' ha-step '<arg>'…`. Everything variable is single-quoted, so the
 * remote login shell (sh, bash or dash) passes it through unchanged; payloads travel on stdin, never here.
 */
export function remoteScript(o: RemoteScriptOptions): string {
  const host = o.manifest.host;
  const prelude = [
    "set -euo pipefail",
    "umask 077",
    `HHH_HOST=${shellQuote(host)} HHH_STEP=${shellQuote(o.step)}`,
    // Names host, step, failed command, exit code and the fix on any unexpected failure.
    `trap 'rc=$?; echo "ha-hardened-host: host $HHH_HOST, step $HHH_STEP: command \\"$BASH_COMMAND\\" failed with exit code $rc; fix: correct the cause shown above on the host, then run pulumi up again (every step is safe to re-run)" >&2' ERR`,
    // fail MESSAGE FIX: a known problem, said plainly.
    'fail() { trap - ERR; echo "ha-hardened-host: host $HHH_HOST, step $HHH_STEP: $1; fix: $2" >&2; exit 1; }',
  ].join("\n");
  const body = `${prelude}\n${o.script.trim()}\n`;
  const words = ["bash", "-c", shellQuote(body), "ha-step", ...(o.args ?? []).map(shellQuote)];
  const escalate = (o.escalate ?? true) && o.user !== "root";
  return `${encodeManifest(o.manifest)}\n${escalate ? "sudo -n -- " : ""}${words.join(" ")}`;
}
