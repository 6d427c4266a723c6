import * as fs from "fs";
import * as path from "path";

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs fn while holding a mkdir-based lock; waits bounded (maxWaitMs), breaks locks whose holder PID is dead. */
export async function withDirLock<T>(lockDir: string, maxWaitMs: number, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + maxWaitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      let holder = NaN;
      try {
        holder = Number(fs.readFileSync(path.join(lockDir, "pid"), "utf8"));
      } catch {
        /* holder is still writing its pid */
      }
      if (Number.isInteger(holder) && holder > 0 && !pidAlive(holder)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`lock ${lockDir} still held by PID ${holder} after ${maxWaitMs} ms; remove it if that process is gone`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
