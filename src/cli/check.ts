#!/usr/bin/env node
import * as fs from "fs";
import * as path from "path";
import { format } from "util";
import { blocksDeployment } from "../analyzer/policyDiagnostic";
import { startPolicyPack } from "../analyzer/startPolicyPack";

const USAGE = "usage: npm run check -- --stack NAME [--json | --sarif | --junit] [--stacks-dir DIR]";

type Format = "text" | "json" | "sarif" | "junit";
const FORMAT_FLAGS: Record<string, Format> = { "--json": "json", "--sarif": "sarif", "--junit": "junit" };

/**
 * `npm run check`: an offline preview. Exit 0: no mandatory violation; 1: at least one; 2: bad config or usage;
 * 3: the check itself could not run. Output: the checklist as text, or (one of) --json, --sarif, --junit.
 */
async function main(argv: string[]): Promise<number> {
  let stack: string | undefined;
  let stacksDir: string | undefined;
  const formats = new Set<Format>();
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--stack") stack = argv[++i];
    else if (argv[i].startsWith("--stack=")) stack = argv[i].slice("--stack=".length);
    else if (Object.hasOwn(FORMAT_FLAGS, argv[i])) formats.add(FORMAT_FLAGS[argv[i]]);
    else if (argv[i] === "--stacks-dir") stacksDir = argv[++i];
    else {
      process.stderr.write(`unknown argument ${argv[i]}\n${USAGE}\n`);
      return 2;
    }
  }
  if (formats.size > 1) {
    process.stderr.write(`only one of --json, --sarif, --junit at a time (got ${[...formats].map((f) => `--${f}`).join(", ")})\n${USAGE}\n`);
    return 2;
  }
  const output: Format = [...formats][0] ?? "text";
  if (!stack) {
    process.stderr.write(`--stack is required\n${USAGE}\n`);
    return 2;
  }
  // Without an engine the SDK prints program logs with console.log: they are diagnostics, so they go to
  // stderr and stdout stays the report alone (valid JSON, SARIF or XML).
  console.log = (...args: unknown[]) => process.stderr.write(format(...args) + "\n");
  const projectDir = path.resolve(__dirname, "..", "..", "..");
  // The pack boots in its own process while this one loads the SDK and the program (both take about a second).
  const pack = startPolicyPack(path.join(projectDir, "policies"));
  const { runCheck } = require("../check/runCheck") as typeof import("../check/runCheck");
  const result = await runCheck({ projectDir, stack, pack, preview: true, stacksDir: stacksDir && path.resolve(stacksDir) });
  if (result.kind === "config-error") {
    if (output === "json") process.stdout.write(JSON.stringify({ error: result.message }) + "\n");
    process.stderr.write(`ha-hardened-host: ${result.message}\n`);
    return 2;
  }
  if (output === "json") {
    process.stdout.write(JSON.stringify({ violations: result.violations, checklist: result.checklist }, null, 2) + "\n");
  } else if (output === "sarif") {
    const { toSarif } = require("../check/sarifReport") as typeof import("../check/sarifReport");
    const { PROJECT_NAME } = require("../core/configKey") as typeof import("../core/configKey");
    const sarif = toSarif({
      stack,
      projectDir,
      stackFile: result.stackFile,
      stackFileText: fs.readFileSync(result.stackFile, "utf8"),
      project: PROJECT_NAME,
      pack: result.pack,
      violations: result.violations,
      hosts: result.hosts,
    });
    process.stdout.write(JSON.stringify(sarif, null, 2) + "\n");
  } else if (output === "junit") {
    const { toJunit } = require("../check/junitReport") as typeof import("../check/junitReport");
    process.stdout.write(toJunit(result.checklist, { name: `${result.pack.name}@v${result.pack.packageVersion} (stack ${stack})` }));
  } else {
    const { formatChecklist } = require("../check/checklistReport") as typeof import("../check/checklistReport");
    process.stdout.write(formatChecklist(result.checklist) + "\n");
    const n = result.mandatory;
    const distinct = result.checklist.flatMap((e) => e.findings).filter((f) => blocksDeployment(f.enforcementLevel)).length;
    process.stdout.write(
      n === 0
        ? `\nNo mandatory violation: ${result.resources.length} resources checked against the ${result.pack.name}@v${result.pack.packageVersion} pack.\n`
        : `\n${n} mandatory violation${n === 1 ? "" : "s"}${distinct !== n ? ` (${distinct} distinct finding${distinct === 1 ? "" : "s"})` : ""}: \`pulumi up\` would be refused.\n`,
    );
  }
  if (process.env.HA_CHECK_TIMINGS) process.stderr.write(JSON.stringify(result.timings) + "\n");
  return result.mandatory > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`ha-hardened-host check failed: ${e.message}\n`);
    process.exit(3);
  },
);
