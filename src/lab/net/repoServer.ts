import { spawn } from "child_process";
import * as fs from "fs";

/** The lab mirror lives on the router's loopback at this fixed address, in every lab (each router is its own netns). */
export const MIRROR_ADDRESS = "198.18.0.1";
/** Plain HTTP on port 80, like a LAN apt cache. */
export const MIRROR_PORT = 80;

/** Static file server run with `node -e`: GET/HEAD only, no directory listing, no path escape. */
const SCRIPT = `
const http = require("http"), fs = require("fs"), path = require("path");
const [root, host, port] = process.argv.slice(1);
const server = http.createServer((req, res) => {
  let rel;
  try { rel = decodeURIComponent((req.url || "/").split("?")[0]); } catch { res.statusCode = 400; return res.end(); }
  const file = path.resolve(root, "." + path.posix.normalize("/" + rel));
  if ((req.method !== "GET" && req.method !== "HEAD") || !file.startsWith(root + "/")) { res.statusCode = 404; return res.end(); }
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) { res.statusCode = 404; console.log("404", rel); return res.end(); }
    res.writeHead(200, { "Content-Length": st.size, "Content-Type": "application/octet-stream" });
    console.log("200", rel);
    if (req.method === "HEAD") return res.end();
    fs.createReadStream(file).pipe(res);
  });
});
server.listen(Number(port), host, () => console.log("listening " + host + ":" + port));
`;

export interface RepoServerOptions {
  netns: string;
  dir: string;
  logPath: string;
  address?: string;
  port?: number;
}

/** Starts the mirror inside `netns`, bound only to the mirror address; resolves with its PID once it listens. */
export async function startRepoServer(opts: RepoServerOptions): Promise<number> {
  const address = opts.address ?? MIRROR_ADDRESS;
  const port = opts.port ?? MIRROR_PORT;
  const log = fs.openSync(opts.logPath, "a", 0o600);
  const child = spawn("ip", ["netns", "exec", opts.netns, process.execPath, "-e", SCRIPT, opts.dir, address, String(port)], {
    detached: true,
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  child.unref();
  const pid = child.pid;
  if (!pid) throw new Error(`repo server in ${opts.netns}: could not start ip netns exec node`);
  // Bounded: 100 x 50 ms.
  for (let i = 0; i < 100; i++) {
    const text = fs.readFileSync(opts.logPath, "utf8");
    if (text.includes(`listening ${address}:${port}`)) return pid;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    /* already gone */
  }
  throw new Error(`repo server in ${opts.netns} did not listen on ${address}:${port}; see ${opts.logPath}`);
}
