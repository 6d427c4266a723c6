import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LAB_BLOCK } from "../../src/lab/net/labNetworkPlan";

/** Helpers the lab tests use to act from the controller and from the lab's LAN/WAN namespaces with real tools. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");
const LAB_CLI = path.join(PROJECT_DIR, "dist", "src", "cli", "lab.js");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Run {
  const r = spawnSync(cmd, args, { input: opts.input ?? "", env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 60_000, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout ?? "", stderr: (r.stderr ?? "") + (r.error ? String(r.error) : "") };
}

/** A command run inside a network namespace (`ip netns exec`). */
export function inNs(ns: string, cmd: string, args: string[], opts: Parameters<typeof run>[2] = {}): Run {
  return run("ip", ["netns", "exec", ns, cmd, ...args], opts);
}

/** `npm run lab -- apply` (pulumi up with the pack) as a user runs it (the built CLI), bounded. */
export function labApply(name: string, stack: string, extra: string[] = [], timeoutMs = 600_000): Run {
  return run(process.execPath, [LAB_CLI, "apply", "--stack", stack, "--name", name, ...extra], { timeoutMs });
}

/** `npm run lab -- pulumi --name NAME -- ARGS`: a pulumi command in the lab's workspace, bounded. */
export function labPulumi(name: string, args: string[], stack = "lab", timeoutMs = 600_000): Run {
  return run(process.execPath, [LAB_CLI, "pulumi", "--name", name, "--stack", stack, "--", ...args], { timeoutMs });
}

/** The counts the apply prints last (`apply done: …`), from the engine's own update history. */
export function applyCounts(stdout: string): { created: number; updated: number; replaced: number; deleted: number; unchanged: number } | undefined {
  const m = /apply done: (\d+) created, (\d+) updated, (\d+) replaced, (\d+) deleted, (\d+) unchanged/.exec(stdout);
  return m ? { created: +m[1], updated: +m[2], replaced: +m[3], deleted: +m[4], unchanged: +m[5] } : undefined;
}

/** Resources the CLI reported created, in the order it finished them. */
export function createdSteps(stdout: string): string[] {
  return [...stdout.matchAll(/^ \+ {2}command:remote:Command (\S+) created\b/gm)].map((m) => m[1]);
}

/**
 * Starts an apply in a process group of its own and SIGKILLs the whole group (the lab CLI, pulumi, the
 * program) `delayMs` after `afterSteps` resources were reported created, like a controller losing power.
 */
export function labApplyKilledAfter(name: string, stack: string, afterSteps: number, delayMs = 0, extra: string[] = [], timeoutMs = 600_000): Promise<{ killed: boolean; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LAB_CLI, "apply", "--stack", stack, "--name", name, ...extra], { stdio: ["ignore", "pipe", "pipe"], detached: true });
    let out = "";
    let killed = false;
    let armed = false;
    const killGroup = (): boolean => {
      try {
        process.kill(-child.pid!, "SIGKILL");
        return true;
      } catch {
        return false;
      }
    };
    const timer = setTimeout(killGroup, timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (!armed && /^Updating \(/m.test(out) && createdSteps(out).length >= afterSteps) {
        armed = true;
        setTimeout(() => {
          killed = killGroup();
        }, delayMs);
      }
    });
    child.stderr.on("data", () => undefined);
    child.on("close", () => {
      clearTimeout(timer);
      resolve({ killed, stdout: out });
    });
  });
}

export interface Login {
  address: string;
  port: number;
  user: string;
  keyPath?: string;
  hostKey: string;
}

/** OpenSSH client arguments that trust only the pinned host key; `auth` picks the one method offered. */
export function sshArgs(login: Login, dir: string, auth: "publickey" | "password" | "keyboard-interactive"): string[] {
  const known = path.join(dir, "known_hosts");
  fs.writeFileSync(known, `${login.port === 22 ? login.address : `[${login.address}]:${login.port}`} ${login.hostKey}\n`, { mode: 0o600 });
  return [
    "-F", "/dev/null", "-v",
    "-o", `BatchMode=${auth === "publickey" ? "yes" : "no"}`,
    "-o", "StrictHostKeyChecking=yes", "-o", `UserKnownHostsFile=${known}`, "-o", "GlobalKnownHostsFile=/dev/null",
    "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "ConnectTimeout=5",
    "-o", `PreferredAuthentications=${auth}`,
    "-o", `PubkeyAuthentication=${auth === "publickey" ? "yes" : "no"}`,
    "-o", `PasswordAuthentication=${auth === "password" ? "yes" : "no"}`,
    "-o", `KbdInteractiveAuthentication=${auth === "keyboard-interactive" ? "yes" : "no"}`,
    "-o", "NumberOfPasswordPrompts=1",
    ...(login.keyPath ? ["-i", login.keyPath] : []),
    "-p", String(login.port), "-l", login.user, login.address,
  ];
}

/**
 * One login attempt with the real ssh client from namespace `ns`. For password and keyboard-interactive the
 * password comes from a 0600 file through SSH_ASKPASS (never the command line). ok = the remote command ran.
 */
export function sshAttempt(ns: string, login: Login, auth: "publickey" | "password" | "keyboard-interactive", opts: { password?: string; remote?: string } = {}): Run & { ok: boolean; methodsOffered?: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-probe-"));
  try {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
    if (opts.password !== undefined) {
      const pw = path.join(dir, "pw");
      fs.writeFileSync(pw, opts.password, { mode: 0o600 });
      const askpass = path.join(dir, "askpass");
      fs.writeFileSync(askpass, `#!/bin/sh\ncat '${pw}'\n`, { mode: 0o700 });
      Object.assign(env, { SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: "force", DISPLAY: ":0" });
    }
    const marker = "probe-ok-7f3a";
    const r = inNs(ns, "ssh", [...sshArgs(login, dir, auth), opts.remote ?? `echo ${marker}`], { env, timeoutMs: 30_000 });
    const ok = r.code === 0 && (opts.remote !== undefined || r.stdout.includes(marker));
    const m = /Authentications that can continue: ([^\r\n]+)/.exec(r.stderr);
    return { ...r, ok, methodsOffered: m?.[1] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a shell command on the lab host as the admin (from the controller), stdin piped, bounded. Throws on failure. */
export function asAdmin(login: Login, script: string, input = "", timeoutMs = 60_000): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-admin-"));
  try {
    const r = run("ssh", [...sshArgs(login, dir, "publickey"), script], { input, timeoutMs });
    if (r.code !== 0) throw new Error(`as admin on ${login.address}: \`${script}\` exited ${r.code}: ${r.stderr.split("\n").filter((l) => !l.startsWith("debug1")).slice(-5).join("\n")}`);
    return r.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const sourcesUsed = new Map<string, number>();
const MAX_SOURCES = 90;

/**
 * Gives namespace `ns` a source address no earlier probe used (host number 30 and up in its own subnet) and makes
 * it the one its traffic to the lab leaves from. OpenSSH 10 penalises a source for every refused or
 * unauthenticated connection (PerSourcePenalties) and then refuses it outright: a probe that must judge sshd's
 * answer, not the penalty, comes from an address of its own, as separate attackers would. Returns the address.
 */
export function freshSource(ns: string): string {
  const route = run("ip", ["-n", ns, "-4", "route", "show", LAB_BLOCK]).stdout.trim();
  const via = /\bvia (\S+)/.exec(route)?.[1];
  const dev = /\bdev (\S+)/.exec(route)?.[1];
  const own = /\binet (\d+\.\d+\.\d+)\.\d+\/(\d+)/.exec(run("ip", ["-n", ns, "-4", "-o", "addr", "show", "dev", dev ?? "?"]).stdout);
  if (!via || !dev || !own) throw new Error(`namespace ${ns} has no route to ${LAB_BLOCK} through a gateway (${route || "none"})`);
  const n = (sourcesUsed.get(ns) ?? 0) + 1;
  if (n > MAX_SOURCES) throw new Error(`namespace ${ns} used all of its ${MAX_SOURCES} probe source addresses`);
  sourcesUsed.set(ns, n);
  const address = `${own[1]}.${29 + n}`;
  // The subnet's own route too: a host on the same link (the LAN client and the lab host) is reached through it.
  const onLink = run("ip", ["-n", ns, "-4", "route", "show", "dev", dev, "proto", "kernel"]).stdout.split("\n").map((l) => l.split(" ")[0]).filter(Boolean);
  for (const args of [
    ["addr", "replace", `${address}/${own[2]}`, "dev", dev],
    ["route", "replace", LAB_BLOCK, "via", via, "dev", dev, "src", address],
    ...onLink.map((prefix) => ["route", "replace", prefix, "dev", dev, "proto", "kernel", "scope", "link", "src", address]),
  ]) {
    const r = run("ip", ["-n", ns, ...args]);
    if (r.code !== 0) throw new Error(`ip -n ${ns} ${args.join(" ")} exited ${r.code}: ${r.stderr.trim()}`);
  }
  return address;
}

/** A lab name unique to this test process (the lab's pattern: ^[a-z][a-z0-9-]{0,10}$). */
export function uniqueLabName(prefix: string): string {
  return `${prefix}${process.pid % 100000}${Math.floor(Math.random() * 36).toString(36)}`.slice(0, 11);
}

/** Seeded PRNG (mulberry32), so a random kill point can be replayed from the seed a failure prints. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
