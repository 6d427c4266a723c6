import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_CACHE_DIR } from "../host/labPaths";

/** The outside SSH judge: the newest ssh-audit release on PyPI, pinned by version and wheel hash. */
export const SSH_AUDIT = {
  version: "3.9.0",
  sha256: "3dad48d4678e0de31f6332cc7674f9d7dd1805f86babf3796f41c2fd879cb812",
} as const;

/**
 * The path of the pinned ssh-audit, installed once into a virtualenv under the lab cache (pip with
 * --require-hashes, so nothing but that wheel is accepted). Throws with pip's complaint when it cannot.
 */
export function sshAuditCommand(cacheDir = DEFAULT_CACHE_DIR): string {
  const venv = path.join(cacheDir, `ssh-audit-${SSH_AUDIT.version}`);
  const launcher = path.join(venv, "ssh-audit");
  if (fs.existsSync(launcher)) return launcher;
  const staging = `${venv}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(cacheDir, { recursive: true });
  const step = (cmd: string, args: string[]): void => {
    const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 300_000 });
    if (r.status === 0) return;
    fs.rmSync(staging, { recursive: true, force: true });
    const why = (r.stderr || String(r.error ?? "")).trim().split("\n").slice(-3).join(" ");
    throw new Error(`installing ssh-audit ${SSH_AUDIT.version}: \`${cmd} ${args.join(" ")}\` exited ${r.status}: ${why} (it needs python3-venv and PyPI)`);
  };
  step("python3", ["-m", "venv", staging]);
  const requirements = path.join(staging, "requirements.txt");
  fs.writeFileSync(requirements, `ssh-audit==${SSH_AUDIT.version} --hash=sha256:${SSH_AUDIT.sha256}\n`);
  step(path.join(staging, "bin", "pip"), ["install", "-q", "--disable-pip-version-check", "--no-deps", "--require-hashes", "-r", requirements]);
  // The venv's python finds its packages relative to itself, so the directory can move; pip's own scripts
  // name the staging path, so the launcher runs the module instead.
  fs.writeFileSync(path.join(staging, "ssh-audit"), '#!/bin/sh\nexec "$(dirname "$0")/bin/python3" -m ssh_audit "$@"\n', { mode: 0o755 });
  fs.renameSync(staging, venv);
  return launcher;
}
