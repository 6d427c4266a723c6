import { runCommand } from "../host/runCommand";

export interface HaAnswer {
  /** ms from the call to the first 200 from /api/onboarding. */
  ms: number;
  attempts: number;
  /** The parsed JSON body: Home Assistant's onboarding steps. */
  steps: { step: string; done: boolean }[];
}

/** Polls http://ADDRESS:8123/api/onboarding with curl from network namespace `ns` until it answers, bounded. */
export async function waitForHaOnboarding(ns: string, address: string, bound = { attempts: 240, deadlineMs: 180_000 }): Promise<HaAnswer> {
  const started = Date.now();
  const url = `http://${address}:8123/api/onboarding`;
  let last = "";
  for (let i = 1; i <= bound.attempts && Date.now() - started < bound.deadlineMs; i++) {
    const r = await runCommand("ip", ["netns", "exec", ns, "curl", "-sS", "-m", "2", "-w", "\n%{http_code}", url], { allowFailure: true, timeoutMs: 10_000 });
    const lines = r.stdout.trimEnd().split("\n");
    const status = lines.pop();
    if (r.code === 0 && status === "200") {
      return { ms: Date.now() - started, attempts: i, steps: JSON.parse(lines.join("\n")) as HaAnswer["steps"] };
    }
    last = r.code === 0 ? `HTTP ${status}` : r.stderr.trim();
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error(`Home Assistant did not answer ${url} from ${ns} within ${bound.attempts} attempts / ${bound.deadlineMs} ms; last: ${last}`);
}
