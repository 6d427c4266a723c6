import { parseCidr } from "../../core/cidr";

/**
 * The http settings the project manages, as Home Assistant names them: the apply compares exactly these (the rest,
 * such as cors_allowed_origins, stays the owner's).
 */
export const MANAGED_HTTP_KEYS = ["server_port", "ip_ban_enabled", "login_attempts_threshold", "use_x_forwarded_for", "trusted_proxies", "server_host"] as const;

type Settings = Record<string, unknown>;

/** The managed part of an http config; use_x_forwarded_for false is the same as absent. */
export function managedHttp(conf: Settings | null | undefined): Settings {
  const out: Settings = {};
  for (const k of MANAGED_HTTP_KEYS) {
    if (conf && k in conf && !(k === "use_x_forwarded_for" && conf[k] === false)) out[k] = conf[k];
  }
  return out;
}

/** A network as Home Assistant stores it (`ipaddress.ip_network` normalises the text), for comparison. */
function networkKey(v: unknown): string {
  const c = typeof v === "string" ? parseCidr(v.includes("/") ? v : `${v}/${v.includes(":") ? 128 : 32}`) : undefined;
  return c ? `${c.family}:${c.base}/${c.prefix}` : JSON.stringify(v);
}

function same(key: string, a: unknown, b: unknown): boolean {
  if (key === "trusted_proxies" && Array.isArray(a) && Array.isArray(b)) {
    return JSON.stringify(a.map(networkKey).sort()) === JSON.stringify(b.map(networkKey).sort());
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

const shown = (v: unknown): string => (v === undefined ? "not set" : JSON.stringify(v));

/**
 * Home Assistant's http store (`<config>/.storage/http`, as the host holds it) judged against the wanted
 * settings: one clause per difference, [] when they match; undefined when there is no store yet (Home Assistant
 * has not started, or predates the store).
 */
export function httpDrift(storeText: string, wanted: Settings): string[] | undefined {
  if (storeText.trim() === "") return undefined;
  const data = (JSON.parse(storeText) as { data?: { stable?: Settings; pending?: Settings | null } }).data;
  if (!data || typeof data.stable !== "object" || data.stable === null) throw new Error("the http store has no stable settings");
  const live = managedHttp(data.stable);
  const want = managedHttp(wanted);
  const out: string[] = [];
  for (const k of MANAGED_HTTP_KEYS) {
    if (!same(k, live[k], want[k])) out.push(`${k} is ${shown(live[k])}, the stack says ${shown(want[k])}`);
  }
  if (data.pending) out.push("a change staged in Home Assistant is pending (it runs until promoted, or reverts)");
  return out;
}
