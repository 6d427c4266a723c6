import { spawn } from "child_process";
import { AddressInfo } from "net";
import { Server, utils as sshUtils } from "ssh2";

/**
 * Test double standing for a remote host's sshd: an ssh2 server on 127.0.0.1 that accepts one public key
 * and runs every exec request with `bash -c` on this machine (cwd = `workDir`). It records each request
 * (command, stdin, env) so tests can see what the apply sent, the way sshd would have received it.
 */
export interface ExecRecord {
  command: string;
  stdin: string;
  env: Record<string, string>;
  pty: boolean;
}

export interface LoopbackSshHost {
  port: number;
  hostPublicKey: string;
  execs: ExecRecord[];
  close(): Promise<void>;
}

export async function startLoopbackSshHost(opts: { hostPrivateKey: string; clientPublicKey: string; workDir: string }): Promise<LoopbackSshHost> {
  const allowed = sshUtils.parseKey(opts.clientPublicKey) as any;
  const hostKey = sshUtils.parseKey(opts.hostPrivateKey) as any;
  const execs: ExecRecord[] = [];
  const clients = new Set<any>();
  const server = new Server({ hostKeys: [opts.hostPrivateKey] }, (client) => {
    clients.add(client);
    client.on("close", () => clients.delete(client));
    client.on("authentication", (ctx: any) => {
      if (ctx.method !== "publickey" || ctx.key.algo !== allowed.type || Buffer.compare(ctx.key.data, allowed.getPublicSSH()) !== 0) {
        return ctx.reject(["publickey"]);
      }
      if (!ctx.signature) return ctx.accept();
      if (allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
      return ctx.reject(["publickey"]);
    });
    client.on("ready", () => {
      client.on("session", (acceptSession: any) => {
        const session = acceptSession();
        const env: Record<string, string> = {};
        let pty = false;
        session.on("env", (accept: any, _reject: any, info: any) => {
          env[info.key] = info.val;
          accept?.();
        });
        session.on("pty", (accept: any) => {
          pty = true;
          accept?.();
        });
        session.on("exec", (accept: any, _reject: any, info: any) => {
          const stream = accept();
          const rec: ExecRecord = { command: info.command, stdin: "", env: { ...env }, pty };
          execs.push(rec);
          const child = spawn("bash", ["-c", info.command], { cwd: opts.workDir, detached: true, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env } });
          stream.on("data", (d: Buffer) => {
            rec.stdin += d.toString();
            child.stdin.write(d);
          });
          stream.on("end", () => child.stdin.end());
          // A closed channel ends the whole command, as sshd's session teardown would (the process group: bash and its children).
          stream.on("close", () => {
            try {
              if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
            } catch {
              /* already gone */
            }
          });
          child.stdin.on("error", () => undefined);
          child.stdout.on("data", (d: Buffer) => stream.write(d));
          child.stderr.on("data", (d: Buffer) => stream.stderr.write(d));
          child.on("close", (code: number | null) => {
            stream.exit(code ?? 255);
            stream.end();
          });
        });
      });
    });
    client.on("error", () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    hostPublicKey: `${hostKey.type} ${hostKey.getPublicSSH().toString("base64")}`,
    execs,
    close: () =>
      new Promise<void>((r) => {
        for (const c of clients) c.end();
        server.close(() => r());
      }),
  };
}
