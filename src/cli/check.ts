#!/usr/bin/env node
import * as path from "path";
import { format } from "util";
import { startPolicyPack } from "../analyzer/startPolicyPack";

const USAGE = "usage: npm run check -- --stack NAME [--json] [--stacks-dir DIR]";

/** `npm run check`: an offline preview. Exit 0: no mandatory violation; 1: at least one; 2: bad config or usage. */
async function main(argv: string[]): Promise<number> {
  let stack: string | undefined;
  let json = false;
  let stacksDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--stack") stack = argv[++i];
    else if (argv[i].startsWith("--stack=")) stack = argv[i].slice("--stack=".length);
    else if (argv[i] === "--json") json = true;
    else if (argv[i] === "--stacks-dir") stacksDir = argv[++i];
    else {
      process.stderr.write(`unknown argument ${argv[i]}\n${USAGE}\n`);
      return 2;
    }
  }
  if (!stack) {
    process.stderr.write(`--stack is required\n${USAGE}\n`);
    return 2;
  }
  // Without an engine the SDK prints program logs with console.log: they are diagnostics, so they go to
  // stderr and stdout stays the report alone (valid JSON with --json).
  console.log = (...args: unknown[]) => process.stderr.write(format(...args) + "\n");
  const projectDir = path.resolve(__dirname, "..", "..", "..");
  // The pack boots in its own process while this one loads the SDK and the program (both take about a second).
  const pack = startPolicyPack(path.join(projectDir, "policies"));
  const { runCheck } = require("../check/runCheck") as typeof import("../check/runCheck");
  const { formatChecklist } = require("../check/checklistReport") as typeof import("../check/checklistReport");
  const result = await runCheck({ projectDir, stack, pack, preview: true, stacksDir: stacksDir && path.resolve(stacksDir) });
  if (result.kind === "config-error") {
    if (json) process.stdout.write(JSON.stringify({ error: result.message }) + "\n");
    process.stderr.write(`ha-hardened-host: ${result.message}\n`);
    return 2;
  }
  if (json) {
    process.stdout.write(JSON.stringify({ violations: result.violations, checklist: result.checklist }, null, 2) + "\n");
  } else {
    process.stdout.write(formatChecklist(result.checklist) + "\n");
    for (const v of result.violations) {
      process.stdout.write(`${v.enforcementLevel} violation [${v.policy}] ${v.resource}\n    ${v.message}\n`);
    }
    const n = result.mandatory;
    process.stdout.write(
      n === 0
        ? `\nNo mandatory violation: ${result.resources.length} resources checked against the ha-securing-checklist pack.\n`
        : `\n${n} mandatory violation${n === 1 ? "" : "s"}: \`pulumi up\` would be refused.\n`,
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
