import { spawnSync } from "child_process";

/** Runs a step's create string as the remote login shell would (`sh -c`, stdin piped), on this machine. */
export function runCreate(create: string, stdin = "", env: NodeJS.ProcessEnv = process.env): { status: number; stdout: string; stderr: string } {
  const r = spawnSync("sh", ["-c", create], { input: stdin, encoding: "utf8", env, timeout: 60_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
