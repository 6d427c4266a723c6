import * as YAML from "yaml";
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
 * What the read-back prints, each part under its header line: Home Assistant's http store, the http package, and
 * the restart marker, those present. Args: store, http package, restart marker.
 */
export const HTTP_READ_BACK_SCRIPT = `
if [ -f "$1" ]; then echo "== store"; cat -- "$1"; echo; fi
if [ -f "$2" ]; then echo "== http package"; cat -- "$2"; echo; fi
if [ -e "$3" ]; then echo "== restart pending"; fi
`;

const HEADERS = ["store", "http package", "restart pending"];

/** The read-back's parts by header; anything else is not this script's output. */
function parts(readBack: string): Map<string, string> {
  const out = new Map<string, string>();
  let header: string | undefined;
  for (const line of readBack.split("\n")) {
    const h = /^== (.+)$/.exec(line);
    if (h && HEADERS.includes(h[1])) {
      header = h[1];
      out.set(header, "");
    } else if (header !== undefined) {
      out.set(header, out.get(header) + line + "\n");
    } else if (line.trim() !== "") {
      throw new Error(`the read-back printed ${JSON.stringify(line.slice(0, 40))} before any part`);
    }
  }
  return out;
}

function differences(live: Settings, wanted: Settings): string[] {
  const want = managedHttp(wanted);
  const out: string[] = [];
  for (const k of MANAGED_HTTP_KEYS) {
    if (!same(k, live[k], want[k])) out.push(`${k} is ${shown(live[k])}, the stack says ${shown(want[k])}`);
  }
  return out;
}

/**
 * The read-back (HTTP_READ_BACK_SCRIPT's output) judged against the wanted settings: one clause per difference,
 * [] when they match; undefined when Home Assistant has not taken settings yet. From 2026.8 the store's stable
 * settings are what runs; before, the store only keeps what a start ran with (saved minutes later), so the http
 * package it reads at every start is judged, and a restart it still needs is drift too.
 */
export function httpDrift(readBack: string, wanted: Settings): string[] | undefined {
  const p = parts(readBack);
  const store = p.get("store");
  if (store !== undefined) {
    const parsed = JSON.parse(store) as { version?: number; data?: { stable?: Settings; pending?: Settings | null } };
    const data = parsed.data;
    if (data && typeof data.stable === "object" && data.stable !== null) {
      const out = differences(managedHttp(data.stable), wanted);
      if (data.pending) out.push("a change staged in Home Assistant is pending (it runs until promoted, or reverts)");
      return out;
    }
    if (parsed.version !== 1) throw new Error("the http store has no stable settings");
  }
  const pkg = p.get("http package");
  if (pkg === undefined) return undefined;
  const http = (YAML.parse(pkg) as { http?: unknown } | null)?.http;
  if (typeof http !== "object" || http === null || Array.isArray(http)) throw new Error("the http package has no http settings");
  const out = differences(managedHttp(http as Settings), wanted);
  if (p.has("restart pending")) out.push("Home Assistant has not restarted since its http package was written");
  return out;
}
