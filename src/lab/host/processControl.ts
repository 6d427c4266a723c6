import * as fs from "fs";

/** The PID's command line (NUL-separated args joined by spaces), or undefined if it is gone. */
export function processCommandLine(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return undefined;
  }
}

/**
 * Stops the process `pid` only if its command line still contains `mustContain` (guards against PID reuse):
 * SIGTERM, bounded wait, then SIGKILL and another bounded wait. Returns false if it was not running.
 */
export async function stopProcess(pid: number, mustContain: string, termWaitMs = 15_000): Promise<boolean> {
  const cmdline = processCommandLine(pid);
  if (cmdline === undefined || !cmdline.includes(mustContain)) return false;
  const signalAndWait = async (signal: NodeJS.Signals, waitMs: number): Promise<boolean> => {
    try {
      process.kill(pid, signal);
    } catch {
      return true;
    }
    const steps = Math.ceil(waitMs / 100);
    for (let i = 0; i < steps; i++) {
      const now = processCommandLine(pid);
      if (now === undefined || !now.includes(mustContain) || isZombie(pid)) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  };
  if (await signalAndWait("SIGTERM", termWaitMs)) return true;
  if (await signalAndWait("SIGKILL", 5_000)) return true;
  throw new Error(`PID ${pid} (${mustContain}) survived SIGKILL for 5 s`);
}

function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true;
  }
}
