import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { runCommand } from "./runCommand";
import { keyBlobOf } from "../../core/keyMaterial";

export interface HostIdentity {
  /** Merged overlay root the guest boots from. */
  rootfs: string;
  privateKeyPath: string;
  /** ed25519 host public key, "ssh-ed25519 AAAA..." (no comment). */
  hostKey: string;
}

/** Overlay dirs of one host under its state dir. */
export function overlayDirs(stateDir: string): { upper: string; work: string; merged: string } {
  return { upper: path.join(stateDir, "upper"), work: path.join(stateDir, "work"), merged: path.join(stateDir, "rootfs") };
}

/**
 * Gives the host its own disk (overlay on the cached image) in fresh-box state: new host keys, a unique
 * machine-id, and a per-host bootstrap key authorized for root (Debian's PermitRootLogin prohibit-password).
 */
export async function prepareHostRootfs(name: string, stateDir: string, imageRootfs: string): Promise<HostIdentity> {
  const { upper, work, merged } = overlayDirs(stateDir);
  // The overlay root takes its mode from upper: 0755 like a real "/" (the state dir itself is 0700).
  for (const d of [upper, work, merged]) {
    fs.mkdirSync(d, { recursive: true });
    fs.chmodSync(d, 0o755);
  }
  await runCommand("mount", ["-t", "overlay", "overlay", "-o", `lowerdir=${imageRootfs},upperdir=${upper},workdir=${work}`, merged]);

  const privateKeyPath = path.join(stateDir, "bootstrap_ed25519");
  await runCommand("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", `lab-bootstrap@${name}`, "-f", privateKeyPath]);
  fs.chmodSync(privateKeyPath, 0o600);
  const bootstrapPub = fs.readFileSync(`${privateKeyPath}.pub`, "utf8").trim();

  const sshDir = path.join(merged, "etc/ssh");
  for (const f of fs.readdirSync(sshDir)) if (f.startsWith("ssh_host_")) fs.rmSync(path.join(sshDir, f));
  await runCommand("ssh-keygen", ["-A", "-f", merged]);
  const hostKey = keyBlobOf(fs.readFileSync(path.join(sshDir, "ssh_host_ed25519_key.pub"), "utf8"));

  fs.writeFileSync(path.join(merged, "etc/machine-id"), randomBytes(16).toString("hex") + "\n", { mode: 0o444 });
  fs.writeFileSync(path.join(merged, "etc/hostname"), `${name}\n`);
  fs.writeFileSync(path.join(merged, "etc/hosts"), `127.0.0.1\tlocalhost\n127.0.1.1\t${name}\n::1\t\tlocalhost ip6-localhost ip6-loopback\nff02::1\t\tip6-allnodes\nff02::2\t\tip6-allrouters\n`);
  const rootSsh = path.join(merged, "root/.ssh");
  fs.mkdirSync(rootSsh, { recursive: true, mode: 0o700 });
  fs.chmodSync(rootSsh, 0o700);
  fs.writeFileSync(path.join(rootSsh, "authorized_keys"), bootstrapPub + "\n", { mode: 0o600 });
  return { rootfs: merged, privateKeyPath, hostKey };
}

/** Unmounts the host's overlay if mounted (idempotent). */
export async function releaseHostRootfs(stateDir: string): Promise<void> {
  const { merged } = overlayDirs(stateDir);
  const mounts = fs.readFileSync("/proc/self/mounts", "utf8");
  if (mounts.split("\n").some((l) => l.split(" ")[1] === merged)) {
    await runCommand("umount", [merged], { timeoutMs: 30_000 });
  }
}
