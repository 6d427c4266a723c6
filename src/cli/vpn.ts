// `npm run vpn -- add-peer NAME --stack S [--host H] [--public-key KEY] [--full-tunnel] [--id N]`
// `npm run vpn -- config PEER --stack S [--host H] [--lab LAB]`
// `npm run vpn -- qr PEER --stack S [--host H] [--lab LAB] [--out FILE.png]`
// add-peer generates what a device needs with Node's crypto and stores it as stack config: secrets with
// `pulumi config set --secret`, the value on stdin. config and qr read the stack config through the Pulumi CLI
// (`pulumi config --show-secrets`) and print the device's client config, or show it as a QR code and write a PNG
// (0600: it holds the keys). --lab reads the working stack of a lab host (`npm run lab -- apply`) instead.
import * as fs from "fs";
import * as path from "path";
import * as QRCode from "qrcode";
import * as YAML from "yaml";
import { loadStackConfig } from "../config/loadStackConfig";
import { ConfigError } from "../core/configError";
import { configSourceFromMap } from "../core/configSource";
import { STACKS_DIR, stackFilePath } from "../core/stackFiles";
import { clientConfigFor } from "../concerns/vpn/clientConfigFor";
import { planAddPeer } from "../concerns/vpn/planAddPeer";
import { wireguardPublicKeyOf } from "../concerns/vpn/wireguardKeys";
import { pulumiEnvironment, runPulumi } from "../engine/pulumiEngine";
import { labWorkspace, projectDir } from "../lab/apply/applyCommand";
import { DEFAULT_STATE_ROOT, labStateDir } from "../lab/host/labPaths";

const USAGE = `usage: npm run vpn -- add-peer NAME --stack S [--host H] [--public-key KEY] [--full-tunnel] [--id N]
       npm run vpn -- config PEER --stack S [--host H] [--lab LAB]
       npm run vpn -- qr PEER --stack S [--host H] [--lab LAB] [--out FILE.png]
  add-peer    adds a device: its preshared key and (unless it brings --public-key) its key pair, stored as secret
              stack config; the host's own WireGuard key too when the stack has none. Then run npm run up.
  config      prints the device's client config (wg-quick format, what the WireGuard apps import)
  qr          shows the client config as a QR code and writes it as a PNG (mode 0600: it holds the keys)
  --lab LAB   read the working stack of the lab host LAB (npm run lab -- apply) instead of the project's`;

interface Options {
  command: "add-peer" | "config" | "qr";
  peer: string;
  stack: string;
  host?: string;
  lab?: string;
  publicKey?: string;
  fullTunnel: boolean;
  id?: number;
  out?: string;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const [command, peer, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === undefined) throw new UsageError("");
  if (command !== "add-peer" && command !== "config" && command !== "qr") throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  if (!peer || peer.startsWith("--")) throw new UsageError(`${command} needs a peer name`);
  const o: Options = { command, peer, stack: "", fullTunnel: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} must be followed by a value`);
      return v;
    };
    if (a === "--stack") o.stack = value();
    else if (a === "--host") o.host = value();
    else if (a === "--lab") o.lab = value();
    else if (a === "--out") o.out = value();
    else if (a === "--public-key" && command === "add-peer") o.publicKey = value();
    else if (a === "--id" && command === "add-peer") o.id = Number(value());
    else if (a === "--full-tunnel" && command === "add-peer") o.fullTunnel = true;
    else throw new UsageError(`unknown argument ${JSON.stringify(a)}`);
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(o.stack)) throw new UsageError("--stack NAME is required (letters, digits, . _ -)");
  if (o.id !== undefined && !Number.isInteger(o.id)) throw new UsageError("--id must be a whole number");
  return o;
}

/** Where pulumi runs for this stack: the project's environment, or a lab's workspace and working stack file. */
function workspace(o: Options): { cwd: string; env: NodeJS.ProcessEnv; extra: string[] } {
  if (o.lab) {
    const ws = labWorkspace(labStateDir(o.lab, DEFAULT_STATE_ROOT), o.stack);
    if (!fs.existsSync(ws.stackFile)) throw new Error(`lab ${o.lab} has no working stack ${o.stack}: run npm run lab -- apply --name ${o.lab} --stack ${o.stack} first`);
    return { cwd: projectDir(), env: ws.env, extra: ["--config-file", ws.stackFile] };
  }
  const chosen = pulumiEnvironment(process.cwd());
  for (const n of chosen.notes) process.stderr.write(n + "\n");
  return { cwd: process.cwd(), env: chosen.env, extra: [] };
}

async function clientConfig(o: Options): Promise<{ text: string; host: string; generatedKey: boolean }> {
  const ws = workspace(o);
  const r = await runPulumi(["config", "--show-secrets", "--json", "--stack", o.stack, ...ws.extra], { cwd: ws.cwd, env: ws.env, timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`pulumi config --show-secrets failed (exit ${r.code}): ${(r.stderr || r.stdout).trim().split("\n")[0]}; fix: check the stack name and its passphrase`);
  const raw = JSON.parse(r.stdout) as Record<string, { value?: string; secret?: boolean }>;
  const config = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v.value === "string").map(([k, v]) => [k, v.value as string]));
  const secretKeys = Object.entries(raw).filter(([, v]) => v.secret).map(([k]) => k);
  const stack = loadStackConfig(configSourceFromMap(config, secretKeys));
  const found = clientConfigFor(stack.hosts, o.peer, o.host);
  if (typeof found === "string") throw new Error(found);
  return found;
}

async function addPeer(o: Options): Promise<number> {
  const project = process.cwd();
  const file = stackFilePath(path.join(project, STACKS_DIR), o.stack);
  if (!fs.existsSync(file)) throw new Error(`stack file ${path.relative(project, file)} does not exist`);
  const config = ((YAML.parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null)?.config ?? {}) as Record<string, unknown>;
  const plan = planAddPeer(config, { peer: o.peer, host: o.host, publicKey: o.publicKey, id: o.id, fullTunnel: o.fullTunnel });
  if (typeof plan === "string") throw new Error(plan);
  const ws = workspace(o);
  for (const s of plan.sets) {
    const args = s.secret ? ["config", "set", "--secret", "--path", s.path, "--stack", o.stack] : ["config", "set", "--path", s.path, "--stack", o.stack, "--", String(s.value)];
    const r = await runPulumi(args, { cwd: ws.cwd, env: ws.env, input: s.secret ? String(s.value) : undefined, timeoutMs: 120_000 });
    if (r.code !== 0) throw new Error(`pulumi config set --path '${s.path}' failed (exit ${r.code}): ${(r.stderr || r.stdout).trim().split("\n")[0]}; fix: check the stack, then remove the half-added peer from ${path.relative(project, file)} and run this again`);
  }
  if (plan.generatedServerKey) {
    const server = plan.sets[0];
    console.log(`stored ${server.path} (secret): the host's WireGuard identity, public key ${wireguardPublicKeyOf(String(server.value))}`);
  }
  console.log(`added ${plan.peerName} to ${plan.hostName} as peer ${plan.id}${plan.generatedKey ? " with a generated key pair (private key stored as a secret)" : " with its own public key"}; run npm run up -- --stack ${o.stack} to let it in`);
  console.log(`its client config: npm run vpn -- config ${plan.peerName} --stack ${o.stack}   (as a QR code: npm run vpn -- qr ${plan.peerName} --stack ${o.stack})`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  let o: Options;
  try {
    o = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError && e.message === "") {
      console.log(USAGE);
      return 0;
    }
    console.error(`vpn: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    if (o.command === "add-peer") return await addPeer(o);
    const c = await clientConfig(o);
    if (o.command === "config") {
      process.stdout.write(c.text);
      return 0;
    }
    const out = path.resolve(o.out ?? `${o.peer}.wg-qr.png`);
    const png = await QRCode.toBuffer(c.text, { type: "png", errorCorrectionLevel: "M", margin: 2, scale: 6 });
    fs.writeFileSync(out, png, { mode: 0o600, flag: "wx" });
    fs.chmodSync(out, 0o600);
    process.stdout.write(await QRCode.toString(c.text, { type: "terminal", small: true, errorCorrectionLevel: "M" }));
    console.log(`${o.peer} on ${c.host}: scan it with the WireGuard app; also written to ${out} (0600: it holds the keys, delete it once scanned)`);
    if (!c.generatedKey) console.log(`${o.peer} brought its own key: after scanning, put the device's own private key in place of the PrivateKey placeholder`);
    return 0;
  } catch (e) {
    console.error(e instanceof ConfigError ? `vpn: the stack config has problems:\n${e.message}` : `vpn: ${(e as Error).message}`);
    return e instanceof ConfigError ? 2 : 1;
  }
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
