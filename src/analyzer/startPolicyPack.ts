import * as grpc from "@grpc/grpc-js";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { PolicyPackClient } from "./PolicyPackClient";

/** How long the pack may take to print its port (measured ~1.5-2.5 s on 2 busy cores; CI may be slower). */
const START_TIMEOUT_MS = 30_000;
/** How long a stopping pack gets after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 3_000;
/** Pack output lines kept for error messages. */
const MAX_LOG_LINES = 200;
/**
 * The CLI passes its engine's address as the first argument; run-policy-pack drops it unread, and the
 * pack's @pulumi/pulumi logs to its console unless PULUMI_NODEJS_ENGINE is set. So no engine server is
 * needed: we pass a placeholder, clear that variable, and keep the console output as the pack's logs.
 */
const ENGINE_ADDRESS_PLACEHOLDER = "127.0.0.1:0";

/** The pack's error output without colours and stack frames, for an error message. */
function errorLines(stderr: string): string {
  const lines = stderr.replace(/\x1b\[[0-9;]*m/g, "").split("\n").filter((l) => l.trim() !== "" && !/^\s+at /.test(l));
  return lines.length ? `: ${lines.slice(-6).map((l) => l.trim()).join(" | ")}` : "";
}

/**
 * Starts the policy pack in `packDir` exactly as `pulumi preview --policy-pack packDir` does:
 * cwd = packDir, `node <run-policy-pack resolved from packDir> <engine address> .`, port read from stdout.
 */
export async function startPolicyPack(packDir: string): Promise<PolicyPackClient> {
  const cwd = path.resolve(packDir);
  let runner: string;
  try {
    runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [cwd] });
  } catch {
    throw new Error(`policy pack ${cwd}: @pulumi/pulumi is not installed for it; run \`npm ci\` in the project root.`);
  }
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("PULUMI_NODEJS_")) delete env[k];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [runner, ENGINE_ADDRESS_PLACEHOLDER, "."], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const logs: string[] = [];
  const keep = (line: string) => {
    if (line.trim() === "") return;
    logs.push(line);
    if (logs.length > MAX_LOG_LINES) logs.shift();
  };
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => { exited = true; resolve(); }));

  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    let err = "";
    let port: number | undefined;
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`policy pack ${cwd} ${why}${errorLines(err)}; run \`npm run build\` and check policies/package.json \`main\`.`));
    };
    const timer = setTimeout(() => fail(`printed no port within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      if (port === undefined) err += d;
      d.split("\n").forEach(keep);
    });
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      if (port !== undefined) return d.split("\n").forEach(keep);
      out += d;
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      const first = out.slice(0, nl).trim();
      out.slice(nl + 1).split("\n").forEach(keep);
      if (!/^\d+$/.test(first)) return fail(`printed \`${first.slice(0, 80)}\` instead of a port`);
      clearTimeout(timer);
      port = Number(first);
      resolve(port);
    });
    child.once("exit", (code, signal) => {
      if (port === undefined) fail(`exited (code ${code}, signal ${signal}) before serving`);
    });
  });
  const startupMs = Number(process.hrtime.bigint() - started) / 1e6;

  const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      client.close();
      if (exited) return;
      child.kill("SIGTERM");
      let kill: NodeJS.Timeout | undefined;
      await Promise.race([exit, new Promise<void>((r) => { kill = setTimeout(() => { child.kill("SIGKILL"); r(); }, STOP_GRACE_MS); })]);
      clearTimeout(kill);
      await exit;
    })());
  return new PolicyPackClient(client, child.pid as number, startupMs, logs, stop);
}
