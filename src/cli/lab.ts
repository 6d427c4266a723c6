#!/usr/bin/env node
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { projectDir, runApplyCommand, labWorkspace } from "../lab/apply/applyCommand";
import { labDown, labInfo, labUp } from "../lab/host/labHost";
import { assertLabName, DEFAULT_STATE_ROOT, labStateDir } from "../lab/host/labPaths";
import { LabUnsupportedError } from "../lab/host/labPreflight";
import { DEFAULT_LAB_OS, LAB_OS_IDS, LabOsId, parseLabOs } from "../lab/image/labOs";
import { SshTarget, sshClientArgs, writeKnownHosts } from "../lab/host/sshClientArgs";

const USAGE = `usage: npm run lab -- <command>
  up    [--name N] [--os OS]
                            build (cached per OS) and boot a disposable Debian host; prints one JSON line;
                            OS is ${LAB_OS_IDS.join(" or ")} (default ${DEFAULT_LAB_OS})
  ssh   [--name N] -- CMD   run CMD on the host as the admin (bootstrap login before the stack is applied)
  down  [--name N]          remove the host, its namespaces, links, processes and files
  info  [--name N]          print the running host's JSON line
  apply ...                 pulumi up of a stack onto the lab host (see npm run lab -- apply --help)
  pulumi [--name N] [--stack S] -- ARGS
                            any pulumi command in the lab's workspace (its backend, passphrase and
                            stack file), e.g. -- refresh --yes, -- destroy --yes, -- stack export
N defaults to "lab".`;

/** Admin login the apply engine records in <stateDir>/admin.json once the stack is applied. */
interface AdminLogin {
  user: string;
  privateKeyPath: string;
  hostKey: string;
}

type LabFlag = "--name" | "--os";

/** --name N (every command) and, for `up`, --os OS; each as `--flag value` or `--flag=value`. */
function parseArgs(args: string[], flags: readonly LabFlag[] = ["--name"]): { name: string; os: LabOsId } {
  const out = { name: "lab", os: DEFAULT_LAB_OS };
  for (let i = 0; i < args.length; i++) {
    const eq = args[i].indexOf("=");
    const flag = args[i].startsWith("--") && eq > 0 ? args[i].slice(0, eq) : args[i];
    if (!flags.includes(flag as LabFlag)) throw new Error(`unknown argument "${args[i]}"\n${USAGE}`);
    const value = flag === args[i] ? args[++i] : args[i].slice(eq + 1);
    if (!value) throw new Error(`${flag} must be followed by a ${flag === "--os" ? "lab OS" : "lab name"}`);
    if (flag === "--os") out.os = parseLabOs(value);
    else out.name = value;
  }
  assertLabName(out.name);
  return out;
}

function parseName(args: string[]): string {
  return parseArgs(args).name;
}

async function sshCommand(args: string[]): Promise<number> {
  const sep = args.indexOf("--");
  const name = parseName(sep >= 0 ? args.slice(0, sep) : args);
  const cmd = sep >= 0 ? args.slice(sep + 1) : [];
  const info = labInfo(name);
  if (!info) {
    process.stderr.write(`lab ${name} is not running; start it with: npm run lab -- up --name ${name}\n`);
    return 1;
  }
  const stateDir = labStateDir(name, DEFAULT_STATE_ROOT);
  const adminFile = path.join(stateDir, "admin.json");
  let target: SshTarget;
  let knownHosts: string;
  if (fs.existsSync(adminFile)) {
    const admin = JSON.parse(fs.readFileSync(adminFile, "utf8")) as AdminLogin;
    target = { address: info.address, port: info.port, user: admin.user, privateKeyPath: admin.privateKeyPath, hostKey: admin.hostKey };
    knownHosts = path.join(stateDir, "known_hosts.admin");
  } else {
    process.stderr.write(`lab ${name}: no stack applied yet (${adminFile} absent); using the bootstrap login ${info.bootstrapUser}\n`);
    target = { address: info.address, port: info.port, user: info.bootstrapUser, privateKeyPath: info.privateKeyPath, hostKey: info.hostKey };
    knownHosts = path.join(stateDir, "known_hosts.bootstrap");
  }
  writeKnownHosts(knownHosts, target);
  const child = spawn("ssh", [...sshClientArgs(target, knownHosts), ...cmd], { stdio: "inherit" });
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 255)));
}

/** Pulumi commands that read the stack's config, so they get the lab's working stack file. */
const TAKES_CONFIG_FILE = new Set(["preview", "up", "update", "refresh", "destroy", "config", "import"]);

async function pulumiCommand(args: string[]): Promise<number> {
  const sep = args.indexOf("--");
  const own = sep >= 0 ? args.slice(0, sep) : args;
  const pulumiArgs = sep >= 0 ? args.slice(sep + 1) : [];
  let stack = "lab";
  const si = own.findIndex((a) => a === "--stack");
  if (si >= 0) {
    stack = own[si + 1] ?? "";
    own.splice(si, 2);
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new Error(`--stack must be a stack name, got "${stack}"`);
  const name = parseName(own);
  const ws = labWorkspace(labStateDir(name, DEFAULT_STATE_ROOT), stack);
  const extra = TAKES_CONFIG_FILE.has(pulumiArgs[0] ?? "") && fs.existsSync(ws.stackFile) ? ["--config-file", ws.stackFile] : [];
  const child = spawn("pulumi", [...pulumiArgs, "--stack", stack, ...extra], { cwd: projectDir(), env: ws.env, stdio: "inherit" });
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 255)));
}

export async function main(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case "up": {
        const r = await labUp({ ...parseArgs(rest, ["--name", "--os"]), log: (l) => process.stderr.write(l + "\n") });
        process.stderr.write(
          r.alreadyRunning ? `lab ${r.info.name} was already running\n` : `lab ${r.info.name}: SSH ready in ${(r.bootMs / 1000).toFixed(1)} s\n`,
        );
        process.stdout.write(JSON.stringify(r.info) + "\n");
        return 0;
      }
      case "down": {
        const name = parseName(rest);
        const existed = await labDown(name);
        process.stderr.write(existed ? `lab ${name} removed\n` : `lab ${name} is not up; nothing to remove\n`);
        return 0;
      }
      case "info": {
        const name = parseName(rest);
        const info = labInfo(name);
        if (!info) {
          process.stderr.write(`lab ${name} is not running\n`);
          return 1;
        }
        process.stdout.write(JSON.stringify(info) + "\n");
        return 0;
      }
      case "ssh":
        return await sshCommand(rest);
      case "apply":
        return await runApplyCommand(rest);
      case "pulumi":
        return await pulumiCommand(rest);
      case undefined:
      case "help":
      case "--help":
        process.stdout.write(USAGE + "\n");
        return sub === undefined ? 2 : 0;
      default:
        process.stderr.write(`unknown lab command "${sub}"\n${USAGE}\n`);
        return 2;
    }
  } catch (err) {
    process.stderr.write(`lab ${sub}: ${(err as Error).message}\n`);
    return err instanceof LabUnsupportedError ? 2 : 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
