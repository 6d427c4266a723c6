import * as fs from "fs";
import { labDown, LabHostInfo, labUp } from "../../../src/lab/host/labHost";
import { dial, execCommand, HostKeyMismatchError, RemoteConnection, sftpWriteText, toRemoteConnection } from "../../../src/lab/apply/remoteCommand";
import { uniqueLabName } from "../labProbe";

/** The SSH layer of the lab apply against a real (blank) lab host, logged in as its bootstrap root. */
let name: string;
let info: LabHostInfo;
let conn: RemoteConnection;

beforeAll(async () => {
  name = uniqueLabName("rc");
  try {
    info = (await labUp({ name, log: () => undefined })).info;
  } catch (e) {
    throw new Error(`the lab host could not start, so the SSH layer cannot be tested for real: ${(e as Error).message}`);
  }
  conn = toRemoteConnection({ host: info.address, port: info.port, user: info.bootstrapUser, privateKey: fs.readFileSync(info.privateKeyPath, "utf8"), hostKey: info.hostKey }, "test");
}, 300_000);
afterAll(async () => {
  if (name) await labDown(name);
}, 120_000);

test("the command string goes to the user's shell in one exec request, without a pty, stdin piped then closed", async () => {
  const c = await dial(conn);
  try {
    const r = await execCommand(c, 'tty || true; echo "shell=$0"; wc -c; exit 4', { stdin: "12345" });
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toBe("not a tty\nshell=bash\n5"); // trailing newline trimmed once, as commandOutputs.go does
  } finally {
    c.end();
  }
}, 60_000);

test("no stdin means EOF at once, so a command reading stdin does not hang", async () => {
  const c = await dial(conn);
  try {
    expect((await execCommand(c, "cat; echo done")).stdout).toBe("done");
  } finally {
    c.end();
  }
}, 60_000);

test("CopyToRemote's text copy creates missing parent folders (copyController.go MkdirAll)", async () => {
  const c = await dial(conn);
  try {
    await sftpWriteText(c, "/root/a/b/c.txt", "copied\n");
    expect((await execCommand(c, "cat /root/a/b/c.txt")).stdout).toBe("copied");
  } finally {
    c.end();
  }
}, 60_000);

test("a pinned key the host does not present is retried like any dial error (as the provider does), then refused naming both fingerprints", async () => {
  const other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAz2AXcHsIJzW4onupYwznTVg3c417FkkMsPtSoTQb9+";
  const lines: string[] = [];
  const err = await dial({ ...conn, hostKey: other, dialErrorLimit: 2 }, (l) => lines.push(l)).catch((e) => e);
  expect(err).toBeInstanceOf(HostKeyMismatchError);
  expect(String(err.message)).toMatch(/SHA256:\S+.*SHA256:\S+/s);
  expect(lines).toHaveLength(2);
}, 60_000);

test("a refused dial is retried dialErrorLimit times, then reported with the attempt count", async () => {
  const lines: string[] = [];
  await expect(dial({ ...conn, port: 1, dialErrorLimit: 2, perDialTimeout: 2 }, (l) => lines.push(l))).rejects.toThrow(/after 3 attempt\(s\)/);
  expect(lines).toHaveLength(2);
}, 60_000);
