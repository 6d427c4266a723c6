// `npm run identity -- --stack NAME [--host NAME] [--print-secrets] [--out DIR]`
// Generates the host keys (Ed25519 + RSA 4096) and automation keys a stack lacks and stores them as secret
// config. Private keys never reach the terminal: with the Pulumi CLI they go to `pulumi config set --secret` on
// stdin; without it, the tool prints self-contained ssh-keygen | pulumi lines, or with --print-secrets writes
// the keys it generated to 0600 files in a new 0700 directory and prints the lines that store and delete them.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { fingerprintOf } from "../core/keyMaterial";
import { pulumiEnvironment } from "../engine/pulumiEngine";
import { STACKS_DIR, stackFilePath } from "../core/stackFiles";
import { generateKeyPair } from "../concerns/access/generateKeyPair";
import { fromFileCommand, setPlainArgs, setSecretArgs, sshKeygenCommand } from "../concerns/access/identityCommands";
import { missingIdentity } from "../concerns/access/missingIdentity";

const USAGE = "usage: npm run identity -- --stack NAME [--host NAME] [--print-secrets] [--out DIR]";

interface Options {
  stack: string;
  host?: string;
  printSecrets: boolean;
  out?: string;
}

function parseArgs(argv: string[]): Options | string {
  const o: Partial<Options> = { printSecrets: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length && !argv[i + 1].startsWith("--") ? argv[++i] : undefined);
    if (a === "--stack") o.stack = value();
    else if (a === "--host") o.host = value();
    else if (a === "--out") o.out = value();
    else if (a === "--print-secrets") o.printSecrets = true;
    else if (a === "--help" || a === "-h") return USAGE;
    else return `unknown argument ${JSON.stringify(a)}\n${USAGE}`;
  }
  if (!o.stack || !/^[A-Za-z0-9_.-]+$/.test(o.stack)) return `--stack NAME is required (letters, digits, . _ -)\n${USAGE}`;
  return o as Options;
}

/** The environment `npm run pulumi` uses (engine, backend, passphrase), or undefined without a Pulumi CLI. */
function pulumiEnv(projectDir: string): NodeJS.ProcessEnv | undefined {
  try {
    const chosen = pulumiEnvironment(projectDir);
    for (const n of chosen.notes) console.error(n);
    return chosen.env;
  } catch {
    return undefined;
  }
}

function main(argv: string[]): number {
  const opts = parseArgs(argv);
  if (typeof opts === "string") {
    console.error(opts);
    return opts === USAGE ? 0 : 2;
  }
  const projectDir = process.cwd();
  const file = stackFilePath(path.join(projectDir, STACKS_DIR), opts.stack);
  const shown = path.relative(projectDir, file);
  if (!fs.existsSync(file)) {
    console.error(`stack file ${shown} does not exist: copy ${path.join(STACKS_DIR, "Pulumi.example.yaml")} to it first`);
    return 2;
  }
  let config: Record<string, unknown>;
  try {
    config = (YAML.parse(fs.readFileSync(file, "utf8"))?.config ?? {}) as Record<string, unknown>;
  } catch (e) {
    console.error(`${shown} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    return 2;
  }
  const scan = missingIdentity(config, opts.host);
  if (scan.unknownHosts.length) {
    console.error(`--host ${opts.host}: the stack has no host of that name`);
    return 2;
  }
  for (const b of scan.missingBootstrapKey) {
    console.log(`note: ${b.path} is not set; it is YOUR key for the fresh box, so it is not generated. Store it with:`);
    console.log(`  pulumi config set --secret --path '${b.path}' --stack ${opts.stack} < ~/.ssh/id_ed25519`);
  }
  if (scan.missing.length === 0) {
    console.log(`${shown} has every host key and automation key${opts.host ? ` for ${opts.host}` : ""}; nothing to generate`);
    return 0;
  }

  const env = pulumiEnv(projectDir);
  if (env) {
    for (const m of scan.missing) {
      const pair = generateKeyPair(m.kind, m.comment);
      const r = spawnSync("pulumi", setSecretArgs(opts.stack, m.path), { input: pair.privateKey, cwd: projectDir, env, stdio: ["pipe", "inherit", "inherit"], timeout: 120_000 });
      if (r.status !== 0) {
        console.error(`pulumi config set --secret --path '${m.path}' failed (exit ${r.status ?? "signal"}); fix: check \`pulumi login\` and the stack name, then run this again (only missing keys are generated)`);
        return 1;
      }
      if (m.publicPath) {
        const p = spawnSync("pulumi", setPlainArgs(opts.stack, m.publicPath, pair.publicKey), { cwd: projectDir, env, stdio: "inherit", timeout: 120_000 });
        if (p.status !== 0) {
          console.error(`pulumi config set --path '${m.publicPath}' failed (exit ${p.status ?? "signal"}); fix: run this again`);
          return 1;
        }
      }
      console.log(`stored ${m.path} (secret, ${m.kind}${m.kind === "rsa" ? " 4096" : ""}, ${fingerprintOf(pair.publicKey)})`);
    }
    return 0;
  }

  if (!opts.printSecrets) {
    console.log("The Pulumi CLI is not on PATH here. Run these lines where it is (each makes one key with ssh-keygen in a");
    console.log("private temp dir, stores it as a secret on stdin, stores the public copy, and deletes the files):");
    for (const m of scan.missing) console.log(sshKeygenCommand(opts.stack, m));
    console.log("Or run `npm run identity -- --stack " + opts.stack + " --print-secrets` to have keys generated here into 0600 files.");
    return 0;
  }

  const base = opts.out ?? path.join(os.homedir(), ".ha-hardened-host");
  fs.mkdirSync(base, { recursive: true, mode: 0o700 });
  const dir = fs.mkdtempSync(path.join(base, `identity-${opts.stack}-`));
  fs.chmodSync(dir, 0o700);
  const lines: string[] = [];
  for (const m of scan.missing) {
    const pair = generateKeyPair(m.kind, m.comment);
    const keyFile = path.join(dir, m.path.replace(/^[^:]+:/, "").replace(/[^A-Za-z0-9_.-]+/g, "_"));
    fs.writeFileSync(keyFile, pair.privateKey, { mode: 0o600, flag: "wx" });
    lines.push(fromFileCommand(opts.stack, m, keyFile, pair.publicKey));
  }
  console.log(`The Pulumi CLI is not on PATH. Wrote ${scan.missing.length} private key(s) to ${dir} (0700 directory, 0600 files).`);
  console.log("Store them with these lines, then delete the directory:");
  for (const l of lines) console.log(l);
  console.log(`rm -rf ${JSON.stringify(dir)}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
