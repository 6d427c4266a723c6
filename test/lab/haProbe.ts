import { inNs } from "./labProbe";

/** curl from a namespace: [HTTP status (0: no answer), body]. */
export function curl(ns: string, url: string, extra: string[] = []): [number, string] {
  const r = inNs(ns, "curl", ["-s", "-m", "10", "-w", "\n%{http_code}", ...extra, url], { timeoutMs: 30_000 });
  const lines = r.stdout.split("\n");
  return [Number(lines.pop() || 0), lines.join("\n")];
}

/** Home Assistant's login flow from a namespace: the flow's last step (create_entry when the password is right). */
export function loginFlow(ns: string, base: string, username: string, password: string): any {
  const client = `${base}/`;
  const [, flow] = curl(ns, `${base}/auth/login_flow`, ["-H", "Content-Type: application/json", "-d", JSON.stringify({ client_id: client, handler: ["homeassistant", null], redirect_uri: client })]);
  const id = JSON.parse(flow).flow_id as string;
  const [, step] = curl(ns, `${base}/auth/login_flow/${id}`, ["-H", "Content-Type: application/json", "-d", JSON.stringify({ client_id: client, username, password })]);
  return JSON.parse(step);
}

/** Asks every 2 s, at most `tries` times, until the URL answers `status` from the namespace; the last status. */
export async function untilStatus(ns: string, url: string, status: number, tries = 150): Promise<number> {
  let got = 0;
  for (let i = 0; i < tries && got !== status; i++) {
    await new Promise((r) => setTimeout(r, 2000));
    got = curl(ns, url)[0];
  }
  return got;
}
