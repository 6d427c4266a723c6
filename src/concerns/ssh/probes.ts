import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { keyBlobOf } from "../../core/keyMaterial";

/** What a client outside the host sees, probed with real tools from the lab's namespaces (demo and bench). */
export interface ProbeLine {
  ok: boolean;
  what: string;
  evidence: string;
}

export interface ProbeTarget {
  address: string;
  port: number;
  adminUser: string;
  operatorKeyPath: string;
  /** Pinned Ed25519 host key from config. */
  hostKey: string;
  lanNs: string;
  wanNs: string;
  /** The ssh-audit to run (the pinned newest release) and its built-in policy for the host's OpenSSH series. */
  sshAudit: string;
  sshAuditPolicy: string;
}

function inNs(ns: string, cmd: string, args: string[], timeoutMs = 60_000): { code: number | null; out: string; err: string } {
  const r = spawnSync("ip", ["netns", "exec", ns, cmd, ...args], { encoding: "utf8", timeout: timeoutMs, input: "" });
  return { code: r.status, out: r.stdout ?? "", err: (r.stderr ?? "") + (r.error ? String(r.error) : "") };
}

function sshTry(t: ProbeTarget, ns: string, user: string, auth: "publickey" | "password", dir: string): { code: number | null; out: string; err: string } {
  const known = path.join(dir, "known_hosts");
  fs.writeFileSync(known, `${t.port === 22 ? t.address : `[${t.address}]:${t.port}`} ${t.hostKey}\n`, { mode: 0o600 });
  return inNs(ns, "ssh", [
    "-F", "/dev/null", "-v", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", `UserKnownHostsFile=${known}`,
    "-o", "GlobalKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "ConnectTimeout=5",
    "-o", `PreferredAuthentications=${auth}`, "-o", `PubkeyAuthentication=${auth === "publickey" ? "yes" : "no"}`,
    ...(auth === "publickey" ? ["-i", t.operatorKeyPath] : []), "-p", String(t.port), "-l", user, t.address, "echo probe-ok",
  ], 30_000);
}

/** Short attacker's-eye report: host key, logins, algorithms, open ports. */
export function probeFromOutside(t: ProbeTarget): ProbeLine[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hh-probe-"));
  const lines: ProbeLine[] = [];
  try {
    const scan = inNs(t.lanNs, "ssh-keyscan", ["-T", "5", "-t", "ed25519", "-p", String(t.port), t.address]);
    const presented = scan.out.split("\n").find((l) => l && !l.startsWith("#"))?.split(" ").slice(1, 3).join(" ") ?? "";
    lines.push({ ok: presented === keyBlobOf(t.hostKey), what: "LAN: host presents the Ed25519 key pinned in config", evidence: presented ? presented.slice(0, 40) + "…" : "no key" });

    const admin = sshTry(t, t.lanNs, t.adminUser, "publickey", dir);
    lines.push({ ok: admin.code === 0 && admin.out.includes("probe-ok"), what: `LAN: ${t.adminUser} logs in with its key`, evidence: admin.code === 0 ? "logged in" : `exit ${admin.code}` });

    const root = sshTry(t, t.lanNs, "root", "publickey", dir);
    lines.push({ ok: root.code !== 0 && /Permission denied/.test(root.err), what: "LAN: root login refused", evidence: /Permission denied \([^)]*\)/.exec(root.err)?.[0] ?? `exit ${root.code}` });

    const pw = sshTry(t, t.lanNs, t.adminUser, "password", dir);
    const methods = /Authentications that can continue: ([^\r\n]+)/.exec(pw.err)?.[1] ?? "?";
    lines.push({ ok: pw.code !== 0 && methods === "publickey", what: "LAN: no password or keyboard-interactive login offered", evidence: `server offers: ${methods}` });

    const audit = inNs(t.lanNs, t.sshAudit, ["-n", "-P", t.sshAuditPolicy, "-p", String(t.port), t.address]);
    lines.push({ ok: audit.code === 0, what: `LAN: ssh-audit's "${t.sshAuditPolicy}" policy`, evidence: /Result: ([^\n]+)/.exec(audit.out)?.[1]?.trim() ?? `exit ${audit.code}` });

    const nmap = inNs(t.wanNs, "nmap", ["-Pn", "-n", "--top-ports", "1000", t.address], 120_000);
    const open = nmap.out.split("\n").filter((l) => /^\d+\/(tcp|udp)\s+open/.test(l)).map((l) => l.split(/\s+/)[0]);
    lines.push({ ok: nmap.code === 0 && open.length === 0, what: "WAN: nmap top 1000 TCP ports, none open (the firewall drops the internet)", evidence: open.join(", ") || "none open" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

export function formatProbes(lines: ProbeLine[]): string {
  return lines.map((l) => `  ${l.ok ? "PASS" : "FAIL"}  ${l.what} — ${l.evidence}`).join("\n");
}
