import { spawn } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { buildImage, LabImage } from "../image/buildImage";
import { DEFAULT_LAB_OS, LabOsId } from "../image/labOs";
import { createLabNetwork, destroyLabNetwork } from "../net/labNetwork";
import { LabNetworkPlan, labNetworkPlan, MAX_SLOT } from "../net/labNetworkPlan";
import { startRepoServer } from "../net/repoServer";
import { withDirLock } from "./dirLock";
import { assertLabName, DEFAULT_STATE_ROOT, labStateDir } from "./labPaths";
import { prepareHostRootfs, releaseHostRootfs } from "./prepareHostRootfs";
import { processCommandLine, stopProcess } from "./processControl";
import { removeTreeSafely } from "./removeTreeSafely";
import { runCommand } from "./runCommand";
import { sshClientArgs, writeKnownHosts } from "./sshClientArgs";
import { assertLabSupported } from "./labPreflight";

/** What `lab up` prints (one JSON line) and writes to <stateDir>/host.json. */
export interface LabHostInfo {
  name: string;
  os: LabOsId;
  address: string;
  /** The host's IPv6 address on the lab's LAN. */
  address6: string;
  port: number;
  bootstrapUser: string;
  privateKeyPath: string;
  hostKey: string;
  netns: { host: string; lan: string; wan: string };
}

/** Internal bookkeeping in <stateDir>/runtime.json: what `down` must stop and remove. */
interface LabRuntime {
  slot: number;
  imageDir?: string;
  repoDir?: string;
  rootfs?: string;
  nspawnPid?: number;
  mirrorPid?: number;
}

export interface LabUpOptions {
  name?: string;
  /** Default debian-13, the project's reference OS. */
  os?: LabOsId;
  cacheDir?: string;
  stateRoot?: string;
  log?: (line: string) => void;
}

export interface LabUpResult {
  info: LabHostInfo;
  plan: LabNetworkPlan;
  stateDir: string;
  image: LabImage;
  /** ms from starting the host (image ready) to SSH answering with the pinned key. */
  bootMs: number;
  alreadyRunning: boolean;
}

/** Bounded SSH readiness wait: at most this many attempts, 100 ms apart, within the deadline. */
const SSH_WAIT_ATTEMPTS = 200;
const SSH_WAIT_DEADLINE_MS = 45_000;

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value) + "\n", { mode: 0o600 });
}

/** The running lab's info, or undefined when no such lab is up. */
export function labInfo(name = "lab", stateRoot = DEFAULT_STATE_ROOT): LabHostInfo | undefined {
  assertLabName(name);
  const dir = labStateDir(name, stateRoot);
  const info = readJson<LabHostInfo>(path.join(dir, "host.json"));
  const rt = readJson<LabRuntime>(path.join(dir, "runtime.json"));
  if (!info || !rt?.nspawnPid || !rt.rootfs) return undefined;
  return processCommandLine(rt.nspawnPid)?.includes(rt.rootfs) ? info : undefined;
}

/** The network plan (addresses, namespaces) of an existing lab, or undefined. */
export function labNetworkOf(name = "lab", stateRoot = DEFAULT_STATE_ROOT): LabNetworkPlan | undefined {
  const rt = readJson<LabRuntime>(path.join(labStateDir(name, stateRoot), "runtime.json"));
  return rt ? labNetworkPlan(name, rt.slot) : undefined;
}

function preferredSlot(name: string): number {
  return (createHash("sha256").update(name).digest().readUInt32BE(0) % MAX_SLOT) + 1;
}

async function allocateSlot(name: string, stateRoot: string): Promise<number> {
  const used = new Set<number>();
  for (const other of fs.existsSync(stateRoot) ? fs.readdirSync(stateRoot) : []) {
    const rt = readJson<LabRuntime>(path.join(stateRoot, other, "runtime.json"));
    if (rt && other !== name) used.add(rt.slot);
  }
  const addrs = (await runCommand("ip", ["-o", "-4", "addr", "show"])).stdout;
  const start = preferredSlot(name);
  for (let i = 0; i < MAX_SLOT; i++) {
    const slot = ((start - 1 + i) % MAX_SLOT) + 1;
    if (!used.has(slot) && !addrs.includes(` 198.19.${slot}.129/`)) return slot;
  }
  throw new Error(`no free lab slot: ${MAX_SLOT} labs are up; run \`npm run lab -- down --name N\` for some`);
}

/** Boots (or returns the running) lab host `name`: image (cached), own overlay disk, network, mirror, nspawn, SSH. */
export async function labUp(opts: LabUpOptions = {}): Promise<LabUpResult> {
  const name = opts.name ?? "lab";
  const os = opts.os ?? DEFAULT_LAB_OS;
  const stateRoot = opts.stateRoot ?? DEFAULT_STATE_ROOT;
  const log = opts.log ?? (() => undefined);
  assertLabName(name);
  await assertLabSupported();
  const image = await buildImage({ os, cacheDir: opts.cacheDir, log });
  fs.mkdirSync(stateRoot, { recursive: true, mode: 0o700 });
  // One `up` per name at a time (a second caller then finds the host running).
  return withDirLock(path.join(stateRoot, `.${name}.lock`), 120_000, () => upLocked(name, stateRoot, image, log));
}

async function upLocked(name: string, stateRoot: string, image: LabImage, log: (line: string) => void): Promise<LabUpResult> {
  const stateDir = labStateDir(name, stateRoot);

  const existing = labInfo(name, stateRoot);
  if (existing) {
    if (existing.os !== image.os) {
      throw new Error(`lab ${name} is already running ${existing.os}, not ${image.os}; remove it first with: npm run lab -- down --name ${name}`);
    }
    const plan = labNetworkOf(name, stateRoot)!;
    return { info: existing, plan, stateDir, image, bootMs: 0, alreadyRunning: true };
  }
  // Leftovers of a crashed or powered-off host (state dir, namespaces or link) go first.
  if (await labDown(name, stateRoot)) log(`lab: removed leftovers of an earlier ${name} that was no longer running`);
  const started = Date.now();
  const slot = await withDirLock(path.join(stateRoot, ".slots.lock"), 60_000, async () => {
    const s = await allocateSlot(name, stateRoot);
    fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    writeJson(path.join(stateDir, "runtime.json"), { slot: s } satisfies LabRuntime);
    return s;
  });
  const plan = labNetworkPlan(name, slot);
  const runtime: LabRuntime = { slot, imageDir: image.dir, repoDir: image.repo };
  const save = (): void => writeJson(path.join(stateDir, "runtime.json"), runtime);
  try {
    const identity = await prepareHostRootfs(name, stateDir, image.rootfs);
    runtime.rootfs = identity.rootfs;
    save();
    await createLabNetwork(plan);
    runtime.mirrorPid = await startRepoServer({ netns: plan.netns.router, dir: image.repo, logPath: path.join(stateDir, "mirror.log") });
    save();
    const fuse = path.join(stateDir, "fuse");
    await runCommand("mknod", ["-m", "0666", fuse, "c", String(FUSE_DEVICE.major), String(FUSE_DEVICE.minor)]);
    runtime.nspawnPid = startNspawn(name, identity.rootfs, plan.netns.host, path.join(stateDir, "nspawn.log"), fuse);
    save();
    const info: LabHostInfo = {
      name,
      os: image.os,
      address: plan.hostAddress,
      address6: plan.hostAddress6,
      port: 22,
      bootstrapUser: "root",
      privateKeyPath: identity.privateKeyPath,
      hostKey: identity.hostKey,
      netns: { host: plan.netns.host, lan: plan.netns.lan, wan: plan.netns.wan },
    };
    await waitForSsh(info, stateDir, runtime.nspawnPid, identity.rootfs);
    writeJson(path.join(stateDir, "host.json"), info);
    return { info, plan, stateDir, image, bootMs: Date.now() - started, alreadyRunning: false };
  } catch (err) {
    const tail = tailOf(path.join(stateDir, "nspawn.log"));
    await labDown(name, stateRoot).catch(() => undefined);
    const msg = (err as Error).message;
    throw new Error(`lab ${name}: up failed: ${msg}${tail ? `\nlast lines of the guest console:\n${tail}` : ""}`);
  }
}

function tailOf(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").trim().split("\n").slice(-15).join("\n");
  } catch {
    return "";
  }
}

/** /dev/fuse (the misc device 10:229); the guest gets its own node, 0666 as Debian's udev rule makes it. */
const FUSE_DEVICE = { major: 10, minor: 229 };

function startNspawn(name: string, rootfs: string, netns: string, logPath: string, fuseNode: string): number {
  const log = fs.openSync(logPath, "a", 0o600);
  const child = spawn(
    "systemd-nspawn",
    [
      "-D", rootfs,
      "--boot",
      // No system bus / systemd PID 1 on the controller: do not register the machine or create a scope.
      "--register=no",
      "--keep-unit",
      // nftables and WireGuard (wireguard-go) inside need it.
      "--capability=CAP_NET_ADMIN",
      // Rootless podman inside: crun joins each container to a session keyring, as on a real box (nspawn refuses them).
      "--system-call-filter=@keyring",
      // Rootless podman inside: container storage over the guest's own overlay root needs fuse-overlayfs.
      `--bind=${fuseNode}:/dev/fuse`,
      `--network-namespace-path=/run/netns/${netns}`,
      // Nothing of the controller's DNS or journal leaks in.
      "--resolv-conf=off",
      "--link-journal=no",
      "-M", name,
    ],
    // The guest has a network namespace of its own, so its /proc/sys/net is its own, like a real box's; the rest
    // of /proc/sys is the controller's kernel and stays read-only.
    { detached: true, stdio: ["ignore", log, log], env: { ...process.env, SYSTEMD_NSPAWN_API_VFS_WRITABLE: "network" } },
  );
  fs.closeSync(log);
  child.unref();
  if (!child.pid) throw new Error("systemd-nspawn: could not start (is systemd-container installed?)");
  return child.pid;
}

async function waitForSsh(info: LabHostInfo, stateDir: string, nspawnPid: number, rootfs: string): Promise<void> {
  const knownHosts = path.join(stateDir, "known_hosts.bootstrap");
  const target = { address: info.address, port: info.port, user: info.bootstrapUser, privateKeyPath: info.privateKeyPath, hostKey: info.hostKey };
  writeKnownHosts(knownHosts, target);
  const deadline = Date.now() + SSH_WAIT_DEADLINE_MS;
  let last = "";
  for (let i = 0; i < SSH_WAIT_ATTEMPTS && Date.now() < deadline; i++) {
    if (!processCommandLine(nspawnPid)?.includes(rootfs)) throw new Error("systemd-nspawn exited before SSH came up");
    const r = await runCommand("ssh", [...sshClientArgs(target, knownHosts, 2), "true"], { allowFailure: true, timeoutMs: 5_000 }).catch(
      (e: Error) => ({ code: -1, stdout: "", stderr: e.message }),
    );
    if (r.code === 0) return;
    last = r.stderr.trim();
    if (/Host key verification failed|REMOTE HOST IDENTIFICATION/.test(last)) throw new Error(`SSH host key of ${info.address} is not the pinned one: ${last}`);
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`SSH on ${info.address}:${info.port} not ready within ${SSH_WAIT_ATTEMPTS} attempts / ${SSH_WAIT_DEADLINE_MS} ms; last error: ${last}`);
}

/**
 * Completes a reboot the guest asked for (`systemctl reboot` inside makes systemd-nspawn exit): waits (bounded)
 * for the old guest to end, boots the same disk in the same network again, and waits (bounded) until its SSH
 * port accepts a connection from the controller. Returns the milliseconds from the call until then.
 */
export async function labRestartAfterReboot(name = "lab", stateRoot = DEFAULT_STATE_ROOT): Promise<number> {
  const started = Date.now();
  const stateDir = labStateDir(name, stateRoot);
  const runtime = readJson<LabRuntime>(path.join(stateDir, "runtime.json"));
  const info = readJson<LabHostInfo>(path.join(stateDir, "host.json"));
  if (!runtime?.rootfs || !runtime.nspawnPid || !info) throw new Error(`lab ${name} is not up; run npm run lab -- up --name ${name}`);
  const rootfs = runtime.rootfs;
  for (let i = 0; i < 600 && processCommandLine(runtime.nspawnPid)?.includes(rootfs); i++) await new Promise((res) => setTimeout(res, 100));
  if (processCommandLine(runtime.nspawnPid)?.includes(rootfs)) throw new Error(`lab ${name}: the guest did not go down within 60 s of the reboot`);
  const plan = labNetworkPlan(name, runtime.slot);
  runtime.nspawnPid = startNspawn(name, rootfs, plan.netns.host, path.join(stateDir, "nspawn.log"), path.join(stateDir, "fuse"));
  writeJson(path.join(stateDir, "runtime.json"), runtime);
  for (let i = 0; i < SSH_WAIT_ATTEMPTS; i++) {
    if (!processCommandLine(runtime.nspawnPid)?.includes(rootfs)) throw new Error(`lab ${name}: systemd-nspawn exited while the guest booted again`);
    if (await portAnswers(info.address, info.port, 1_000)) return Date.now() - started;
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`lab ${name}: SSH on ${info.address}:${info.port} did not answer within ${SSH_WAIT_ATTEMPTS} attempts after the reboot`);
}

function portAnswers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: timeoutMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

/** Removes lab `name`: guest and mirror by PID, overlay, namespaces, links, state dir. Returns false if nothing was there. */
export async function labDown(name = "lab", stateRoot = DEFAULT_STATE_ROOT): Promise<boolean> {
  assertLabName(name);
  const stateDir = labStateDir(name, stateRoot);
  const rt = readJson<LabRuntime>(path.join(stateDir, "runtime.json"));
  // Names do not depend on the slot, so leftovers are found even without runtime.json.
  const plan = labNetworkPlan(name, rt?.slot ?? 1);
  const netnsLeft = Object.values(plan.netns).some((ns) => fs.existsSync(`/run/netns/${ns}`));
  const linkLeft = fs.existsSync(`/sys/class/net/${plan.controllerLink}`);
  if (!fs.existsSync(stateDir) && !netnsLeft && !linkLeft) return false;
  if (rt?.nspawnPid && rt.rootfs) await stopProcess(rt.nspawnPid, rt.rootfs, 20_000);
  if (rt?.mirrorPid && rt.repoDir) await stopProcess(rt.mirrorPid, rt.repoDir, 5_000);
  await releaseHostRootfs(stateDir);
  await destroyLabNetwork(plan);
  removeTreeSafely(stateDir);
  return true;
}
