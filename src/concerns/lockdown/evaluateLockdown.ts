import { BLACKLISTED_MODULES } from "./blacklistedModules";
import { LOCKDOWN_PATHS } from "./lockdownPaths";
import { LOGIN_DEFS_SETTINGS } from "./loginDefsSettings";
import { FORWARDING_KEYS, ROUTER_ADVERTISEMENT_KEYS, SYSCTL_SETTINGS } from "./sysctlSettings";

/** What a step puts on the host, as far as the lockdown goes: a whole file, or lines put into one. */
export interface LockdownPayload {
  /** `host:path`, the subject of every message. */
  subject: string;
  path: string;
  kind: "file" | "file-edit";
  content: string;
}

export interface LockdownOptions {
  /** Blacklisted modules the owner allows (the policy's `allowedKernelModules`). */
  allowedKernelModules?: readonly string[];
}

/** Every file and edit a locked-down host must get, by path. */
export const REQUIRED_LOCKDOWN_PATHS: readonly string[] = [
  LOCKDOWN_PATHS.sysctl, LOCKDOWN_PATHS.modprobe, LOCKDOWN_PATHS.limits, LOCKDOWN_PATHS.coredump, LOCKDOWN_PATHS.profile,
  LOCKDOWN_PATHS.journald, LOCKDOWN_PATHS.sudoers, LOCKDOWN_PATHS.cronAllow, LOCKDOWN_PATHS.atAllow, LOCKDOWN_PATHS.auditRules,
  LOCKDOWN_PATHS.loginDefs, LOCKDOWN_PATHS.pamSu, LOCKDOWN_PATHS.fstab,
];

const lines = (text: string): string[] => text.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));

/** `key = value` lines of a sysctl file (the last one of a key wins, as sysctl applies them in order). */
function sysctlValues(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of lines(text)) {
    const eq = l.indexOf("=");
    if (eq > 0) m.set(l.slice(0, eq).trim().replace(/\//g, "."), l.slice(eq + 1).trim());
  }
  return m;
}

/** `Key=Value` lines of a systemd drop-in. */
function iniValues(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of lines(text)) {
    const eq = l.indexOf("=");
    if (eq > 0 && !l.startsWith("[")) m.set(l.slice(0, eq).trim(), l.slice(eq + 1).trim());
  }
  return m;
}

function evaluateSysctl(p: LockdownPayload, own: boolean): string[] {
  const v = sysctlValues(p.content);
  const out: string[] = [];
  for (const s of SYSCTL_SETTINGS) {
    const got = v.get(s.key);
    if (got === undefined ? own : got !== s.value) out.push(`${p.subject} must set ${s.key} = ${s.value}; found ${got === undefined ? "no such line" : got}.`);
  }
  for (const k of ROUTER_ADVERTISEMENT_KEYS) {
    const got = v.get(k);
    if (got !== undefined && got !== "0" && got !== "1") out.push(`${p.subject} must set ${k} to 0 or 1; found ${got}.`);
  }
  for (const [k, got] of v) {
    if (own && FORWARDING_KEYS.test(k)) out.push(`${p.subject} must not manage ${k}, which the WireGuard VPN needs; found ${k} = ${got}.`);
  }
  return out;
}

function evaluateModprobe(p: LockdownPayload, o: LockdownOptions): string[] {
  const have = lines(p.content);
  const out: string[] = [];
  for (const m of BLACKLISTED_MODULES) {
    if (o.allowedKernelModules?.includes(m.module)) continue;
    const install = have.some((l) => new RegExp(`^install\\s+${m.module}\\s+/(usr/)?bin/(false|true)$`).test(l));
    const blacklist = have.some((l) => new RegExp(`^blacklist\\s+${m.module}$`).test(l));
    if (!install || !blacklist) out.push(`${p.subject} must refuse the kernel module ${m.module} with \`install ${m.module} /bin/false\` and \`blacklist ${m.module}\`; found ${install ? "no blacklist line" : "no install line"}.`);
  }
  return out;
}

function evaluateLoginDefs(p: LockdownPayload): string[] {
  const set = new Map(lines(p.content).map((l) => [l.split(/\s+/)[0], l.split(/\s+/).slice(1).join(" ")]));
  return LOGIN_DEFS_SETTINGS.filter((s) => set.get(s.key) !== s.value).map(
    (s) => `${p.subject} must set ${s.key} ${s.value}; found ${set.has(s.key) ? `${s.key} ${set.get(s.key)}` : "no such line"}.`,
  );
}

function evaluateFstab(p: LockdownPayload): string[] {
  const want: Record<string, string[]> = { "/dev/shm": ["nodev", "nosuid", "noexec"], "/tmp": ["nodev", "nosuid"] };
  const out: string[] = [];
  for (const [mp, opts] of Object.entries(want)) {
    const line = lines(p.content).find((l) => l.split(/\s+/)[1] === mp);
    const have = (line?.split(/\s+/)[3] ?? "").split(",");
    const missing = opts.filter((o) => !have.includes(o));
    if (missing.length) out.push(`${p.subject} must mount ${mp} with ${opts.join(",")}; found ${line ? `\`${line}\`` : "no line for it"}.`);
  }
  return out;
}

function evaluatePamSu(p: LockdownPayload): string[] {
  const line = lines(p.content).find((l) => /\bpam_wheel\.so\b/.test(l));
  if (!line || !/^auth\s+required\s+pam_wheel\.so\b/.test(line) || !/\buse_uid\b/.test(line) || /\b(trust|deny)\b/.test(line)) {
    return [`${p.subject} must limit su to the admin's group with \`auth required pam_wheel.so use_uid group=GROUP\`; found ${line ? `\`${line}\`` : "no pam_wheel line"}.`];
  }
  return [];
}

function evaluateSudoers(p: LockdownPayload, own: boolean): string[] {
  const have = lines(p.content);
  const out: string[] = [];
  const weakened = have.find((l) => /^Defaults\b.*!\s*(use_pty|logfile)\b/.test(l));
  if (weakened) out.push(`${p.subject} must not switch off sudo's pty or log; found \`${weakened}\`.`);
  if (own && !have.some((l) => /^Defaults\s+use_pty$/.test(l))) out.push(`${p.subject} must set \`Defaults use_pty\`; found no such line.`);
  if (own && !have.some((l) => /^Defaults\s+logfile\s*=\s*"?\/\S+"?$/.test(l))) out.push(`${p.subject} must set \`Defaults logfile="${LOCKDOWN_PATHS.sudoLog}"\`; found no such line.`);
  return out;
}

function requireIni(p: LockdownPayload, want: Record<string, string | RegExp>): string[] {
  const v = iniValues(p.content);
  return Object.entries(want)
    .filter(([k, w]) => (typeof w === "string" ? v.get(k) !== w : !w.test(v.get(k) ?? "")))
    .map(([k, w]) => `${p.subject} must set ${k}=${typeof w === "string" ? w : "a size limit"}; found ${v.has(k) ? `${k}=${v.get(k)}` : "no such line"}.`);
}

/** Whether the lockdown judges what a step writes to `path` (its own files and edits, sysctl and sudoers files). */
export function judgesPath(path: string): boolean {
  return REQUIRED_LOCKDOWN_PATHS.includes(path) || path.startsWith("/etc/sysctl.d/") || path === "/etc/sysctl.conf" || path === "/etc/sudoers" || path.startsWith("/etc/sudoers.d/");
}

/**
 * The lockdown's judgement of one step's payload: its own files must carry every setting, and any other file
 * in the same places (sysctl.d, sudoers.d) must not weaken one. Returns one-sentence messages.
 */
export function evaluateLockdown(p: LockdownPayload, o: LockdownOptions = {}): string[] {
  const own = p.path === LOCKDOWN_PATHS.sysctl || p.path === LOCKDOWN_PATHS.sudoers;
  if (p.kind === "file-edit") {
    if (p.path === LOCKDOWN_PATHS.loginDefs) return evaluateLoginDefs(p);
    if (p.path === LOCKDOWN_PATHS.fstab) return evaluateFstab(p);
    if (p.path === LOCKDOWN_PATHS.pamSu) return evaluatePamSu(p);
    return [];
  }
  if (p.path.startsWith("/etc/sysctl.d/") || p.path === "/etc/sysctl.conf") return evaluateSysctl(p, own);
  if (p.path === "/etc/sudoers" || p.path.startsWith("/etc/sudoers.d/")) return evaluateSudoers(p, own);
  switch (p.path) {
    case LOCKDOWN_PATHS.modprobe: return evaluateModprobe(p, o);
    case LOCKDOWN_PATHS.limits:
      return lines(p.content).some((l) => /^\*\s+hard\s+core\s+0$/.test(l)) ? [] : [`${p.subject} must set \`* hard core 0\`; found no such line.`];
    case LOCKDOWN_PATHS.coredump: return requireIni(p, { Storage: "none", ProcessSizeMax: "0" });
    case LOCKDOWN_PATHS.journald: return requireIni(p, { Storage: "persistent", SystemMaxUse: /^\d+[KMG]?$/ });
    case LOCKDOWN_PATHS.profile:
      return lines(p.content).some((l) => /^umask\s+0?[0-7]?[2367][7]$/.test(l)) ? [] : [`${p.subject} must set \`umask 027\` or stricter; found no such line.`];
    default: return [];
  }
}
