#!/usr/bin/env node
// `npm run pulumi -- ARGS`: the Pulumi CLI with this project's defaults (the engine from `npm run engine` when
// none is on PATH; a local file backend and passphrase file when no backend is chosen). `npm run preview` and
// `npm run up` call it with `--policy-pack policies`, so the checklist judges every preview.
import { spawn } from "child_process";
import * as path from "path";
import { EngineMissingError, pulumiEnvironment } from "../engine/pulumiEngine";

function main(argv: string[]): Promise<number> {
  const projectDir = path.resolve(__dirname, "..", "..", "..");
  let env: NodeJS.ProcessEnv;
  try {
    const chosen = pulumiEnvironment(projectDir);
    for (const n of chosen.notes) process.stderr.write(n + "\n");
    env = chosen.env;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return Promise.resolve(e instanceof EngineMissingError ? 3 : 1);
  }
  const child = spawn("pulumi", argv, { cwd: projectDir, env, stdio: "inherit" });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
}

main(process.argv.slice(2)).then((code) => process.exit(code));
