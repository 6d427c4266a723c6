#!/usr/bin/env node
// `npm run pulumi -- ARGS`: the Pulumi CLI with this project's defaults (the engine from `npm run engine` when
// none is on PATH; a local file backend and passphrase file when no backend is chosen). `npm run preview` and
// `npm run up` call it with `--policy-pack policies`, so the checklist judges every preview.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { STACKS_DIR, stackFilePath } from "../core/stackFiles";
import { examplePlaceholders } from "../engine/examplePlaceholders";
import { EngineMissingError, pulumiEnvironment } from "../engine/pulumiEngine";

/** The value of `--flag V` or `--flag=V` in argv. */
function flag(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

/**
 * A stack file copied from the example keeps its placeholder `secure:` values until the user replaces them;
 * the CLI would only say "message authentication failed". Names each one and the fix instead.
 */
function placeholderProblem(projectDir: string, argv: string[]): string | undefined {
  const stack = flag(argv, "--stack") ?? flag(argv, "-s");
  const file = flag(argv, "--config-file") ?? (stack ? stackFilePath(path.join(projectDir, STACKS_DIR), stack) : undefined);
  const example = stackFilePath(path.join(projectDir, STACKS_DIR), "example");
  if (!file || !fs.existsSync(file) || !fs.existsSync(example) || path.resolve(file) === example) return undefined;
  const keys = examplePlaceholders(fs.readFileSync(file, "utf8"), fs.readFileSync(example, "utf8"));
  if (keys.length === 0) return undefined;
  const shown = path.relative(projectDir, file);
  return [
    `${shown} still holds the example's placeholder secrets, which no passphrase decrypts:`,
    ...keys.map((k) => `  ${k}`),
    `fix: delete those lines, then set your own: npm run pulumi -- config set --secret --path 'hosts[0].bootstrap.privateKey' --stack ${stack ?? "NAME"} < ~/.ssh/id_ed25519 and npm run identity -- --stack ${stack ?? "NAME"}`,
  ].join("\n");
}

function main(argv: string[]): Promise<number> {
  const projectDir = path.resolve(__dirname, "..", "..", "..");
  const placeholders = placeholderProblem(projectDir, argv);
  if (placeholders) {
    process.stderr.write(placeholders + "\n");
    return Promise.resolve(2);
  }
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
