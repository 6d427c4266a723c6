import { Client, ClientChannel, ConnectConfig, utils as sshUtils } from "ssh2";

/** `connection` of command:remote:* with the provider's defaults applied (connection.go Annotate). */
export interface RemoteConnection {
  host: string;
  port: number;
  user: string;
  privateKey?: string;
  privateKeyPassword?: string;
  hostKey?: string;
  dialErrorLimit: number;
  perDialTimeout: number;
}

/** Defaults of @pulumi/command 1.2.1, provider/pkg/provider/remote/connection.go. */
export const CONNECTION_DEFAULTS = {
  user: "root", // a.SetDefault(&c.User, "root")
  port: 22, // a.SetDefault(&c.Port, 22)
  dialErrorLimit: 10, // dialErrorDefault; -1 = unlimited
  perDialTimeout: 15, // seconds per dial attempt
} as const;

/** x/crypto/ssh v0.48.0 client defaults the provider inherits, limited to names ssh2 implements (no mlkem768x25519). */
const GO_CLIENT_KEX = ["curve25519-sha256", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "diffie-hellman-group14-sha256", "diffie-hellman-group14-sha1"];
const GO_CLIENT_CIPHERS = ["aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr"];
const GO_CLIENT_MACS = ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1", "hmac-sha1-96"];

export class ConnectionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectionInputError";
  }
}

/** Thrown when the host presents another key than the pinned one: never retried, never ignored. */
export class HostKeyMismatchError extends Error {
  constructor(readonly host: string, readonly port: number, readonly expected: string, readonly presented: string) {
    super(`host ${host}:${port} presented host key ${presented}, but connection.hostKey pins ${expected}: refusing to connect (a different machine, or the host was rebuilt without its configured host keys)`);
    this.name = "HostKeyMismatchError";
  }
}

export function toRemoteConnection(raw: unknown, where: string): RemoteConnection {
  if (raw === null || typeof raw !== "object") throw new ConnectionInputError(`${where}.connection must be an object`);
  const c = raw as Record<string, unknown>;
  if (typeof c.host !== "string" || c.host === "") throw new ConnectionInputError(`${where}.connection.host must be set`);
  if (c.password !== undefined && c.password !== null) throw new ConnectionInputError(`${where}.connection.password is set: the lab apply authenticates with keys only`);
  if (c.proxy !== undefined && c.proxy !== null) throw new ConnectionInputError(`${where}.connection.proxy is set: the lab apply does not replay bastion connections`);
  if (typeof c.privateKey !== "string") throw new ConnectionInputError(`${where}.connection.privateKey must be set: the lab apply authenticates with a key (it does not use an SSH agent)`);
  const num = (v: unknown, d: number): number => (typeof v === "number" ? v : d);
  return {
    host: c.host,
    port: num(c.port, CONNECTION_DEFAULTS.port),
    user: typeof c.user === "string" ? c.user : CONNECTION_DEFAULTS.user,
    privateKey: c.privateKey,
    privateKeyPassword: typeof c.privateKeyPassword === "string" ? c.privateKeyPassword : undefined,
    hostKey: typeof c.hostKey === "string" ? c.hostKey : undefined,
    dialErrorLimit: num(c.dialErrorLimit, CONNECTION_DEFAULTS.dialErrorLimit),
    perDialTimeout: num(c.perDialTimeout, CONNECTION_DEFAULTS.perDialTimeout),
  };
}

/** The pinned key's blob and algorithm name (ssh.ParseAuthorizedKey + publicKey.Type()). */
function parsePinnedKey(hostKey: string): { type: string; blob: Buffer } {
  const parsed = sshUtils.parseKey(hostKey.trim());
  if (parsed instanceof Error || Array.isArray(parsed)) {
    throw new ConnectionInputError(`connection.hostKey is not a public key in authorized_keys format: ${parsed instanceof Error ? parsed.message : "several keys"}`);
  }
  return { type: parsed.type, blob: parsed.getPublicSSH() };
}

function fingerprint(blob: Buffer): string {
  return "SHA256:" + require("crypto").createHash("sha256").update(blob).digest("base64").replace(/=+$/, "");
}

/** Bound on all attempts of one dial, even with dialErrorLimit -1 (unlimited in the provider). */
const DIAL_DEADLINE_MS = 10 * 60_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One ssh.Dial: TCP + handshake + host key check + key auth, bounded by perDialTimeout. */
function dialOnce(conn: RemoteConnection, pinned: { type: string; blob: Buffer } | undefined): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let mismatch: HostKeyMismatchError | undefined;
    const cfg: ConnectConfig = {
      host: conn.host,
      port: conn.port,
      username: conn.user,
      privateKey: conn.privateKey,
      passphrase: conn.privateKeyPassword,
      readyTimeout: conn.perDialTimeout > 0 ? conn.perDialTimeout * 1000 : 2 ** 31 - 1,
      // No agent, no password, no keyboard-interactive: only the key.
      tryKeyboard: false,
      algorithms: {
        kex: GO_CLIENT_KEX as any,
        cipher: GO_CLIENT_CIPHERS as any,
        hmac: GO_CLIENT_MACS as any,
        // connection.go: HostKeyAlgorithms = []string{publicKey.Type()} when hostKey is set.
        ...(pinned ? { serverHostKey: [pinned.type as any] } : {}),
      },
      hostVerifier: (key: Buffer) => {
        if (!pinned) return true; // connection.go: no hostKey -> InsecureIgnoreHostKey
        if (Buffer.compare(key, pinned.blob) === 0) return true;
        mismatch = new HostKeyMismatchError(conn.host, conn.port, fingerprint(pinned.blob), fingerprint(key));
        return false;
      },
    };
    client.once("ready", () => resolve(client));
    client.once("error", (err) => {
      client.end();
      reject(mismatch ?? err);
    });
    client.connect(cfg);
  });
}

function isPermanent(err: unknown): boolean {
  return /All configured authentication methods failed|Cannot parse privateKey|Encrypted private key detected/.test(String((err as Error)?.message));
}

/**
 * dialWithRetry (connection.go): up to dialErrorLimit + 1 attempts (-1: unlimited), delays from Pulumi's
 * retry.Until (100 ms, x1.5, at most 5 s here). A host key mismatch is retried like any dial error, as the
 * provider does: an interrupted host-key switch heals when the sshd rollback fires. Deviation: an auth
 * refusal fails at once; waiting cannot heal it.
 */
export async function dial(conn: RemoteConnection, log?: (line: string) => void): Promise<Client> {
  const pinned = conn.hostKey ? parsePinnedKey(conn.hostKey) : undefined;
  let delay = 100;
  const deadline = Date.now() + DIAL_DEADLINE_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await dialOnce(conn, pinned);
    } catch (err) {
      const limitReached = conn.dialErrorLimit > -1 && attempt > conn.dialErrorLimit;
      if (isPermanent(err) || limitReached || Date.now() + delay > deadline) {
        if (err instanceof HostKeyMismatchError) throw err;
        throw new Error(`dialing ${conn.user}@${conn.host}:${conn.port} after ${attempt} attempt(s): ${(err as Error).message}`);
      }
      log?.(`    dial ${conn.user}@${conn.host}:${conn.port} ${attempt}/${conn.dialErrorLimit === -1 ? "inf" : conn.dialErrorLimit} failed (${String((err as Error).message).split("\n")[0]}): retrying`);
      await sleep(delay);
      delay = Math.min(delay * 1.5, 5000);
    }
  }
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** null when the command ended without an exit status (killed by a signal). */
  exitCode: number | null;
  signal?: string;
}

export interface RunOptions {
  stdin?: string;
  /** session.Setenv before the command (ssh2 sends them without asking for a reply: a refusal goes unnoticed). */
  env?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * session.Run(cmd) as commandOutputs.go does it: one exec request carrying the command string, no pty,
 * stdin piped then closed, stdout and stderr captured separately; trailing newline trimmed once.
 */
export function execCommand(client: Client, cmd: string, opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    client.exec(cmd, { pty: false, ...(opts.env && Object.keys(opts.env).length ? { env: opts.env } : {}) }, (err: Error | undefined, stream: ClientChannel) => {
      if (err) return reject(err);
      const out: Buffer[] = [];
      const errs: Buffer[] = [];
      let exitCode: number | null = null;
      let signal: string | undefined;
      const onAbort = (): void => {
        stream.close();
        reject(new Error("aborted"));
      };
      opts.signal?.addEventListener("abort", onAbort, { once: true });
      stream.on("data", (d: Buffer) => out.push(d));
      stream.stderr.on("data", (d: Buffer) => errs.push(d));
      stream.on("exit", (code: number | null, sig?: string) => {
        exitCode = typeof code === "number" ? code : null;
        signal = sig ?? undefined;
      });
      stream.on("close", () => {
        opts.signal?.removeEventListener("abort", onAbort);
        const trim = (b: Buffer[]): string => Buffer.concat(b).toString("utf8").replace(/\n$/, "");
        resolve({ stdout: trim(out), stderr: trim(errs), exitCode, signal });
      });
      // Go's session.Run with a nil Stdin sends EOF at once; with a non-empty stdin it is written first.
      if (opts.stdin && opts.stdin.length > 0) stream.end(opts.stdin);
      else stream.end();
    });
  });
}

/** SFTP write of a text (copyController.go copyTextContent: MkdirAll of the parent, then Create + Write). */
export function sftpWriteText(client: Client, remotePath: string, content: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    client.sftp((err, sftp) => {
      if (err) return reject(err);
      const parts = remotePath.split("/").slice(0, -1);
      const dirs = parts.map((_, i) => parts.slice(0, i + 1).join("/")).filter((d) => d !== "");
      const mkdirs = (i: number): void => {
        if (i >= dirs.length) {
          sftp.writeFile(remotePath, content, (werr) => {
            sftp.end();
            if (werr) reject(new Error(`failed to write ${remotePath}: ${werr.message}`));
            else resolve();
          });
          return;
        }
        sftp.stat(dirs[i], (serr) => {
          if (!serr) return mkdirs(i + 1);
          sftp.mkdir(dirs[i], (merr) => (merr ? reject(new Error(`failed to create ${dirs[i]}: ${merr.message}`)) : mkdirs(i + 1)));
        });
      };
      mkdirs(0);
    });
  });
}
