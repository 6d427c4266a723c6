import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { withDirLock } from "../host/dirLock";
import { removeTreeSafely } from "../host/removeTreeSafely";
import { DEFAULT_CACHE_DIR } from "../host/labPaths";
import { runCommand } from "../host/runCommand";
import { MIRROR_ADDRESS, MIRROR_PORT, startRepoServer } from "../net/repoServer";
import { stopProcess } from "../host/processControl";
import { writeFlatRepoIndex } from "./flatRepoIndex";
import { guestPackages, imagePackages } from "./guestPackages";
import { pruneImageCache } from "./pruneImageCache";

/** Debian release of the lab host: the project's reference OS (debian-12). */
const SUITE = "bookworm";
/** Sources used only at build time (the guest never sees them); security + updates so versions match a patched box. */
const MIRRORS = [
  "deb http://deb.debian.org/debian bookworm main",
  "deb http://deb.debian.org/debian bookworm-updates main",
  "deb http://deb.debian.org/debian-security bookworm-security main",
];
/** Bump when the build steps below change, so old caches are not reused. */
const LAYOUT_VERSION = 1;

export interface LabImage {
  key: string;
  dir: string;
  /** Read-only lower layer of every host's overlay. */
  rootfs: string;
  /** Flat apt repository served to guests by the lab mirror. */
  repo: string;
  /** true when this call built it (false: taken from the cache). */
  built: boolean;
  buildMs: number;
}

/** The guest's only apt source. */
export const GUEST_SOURCES_LIST = [
  "# ha-hardened-host lab: the guest has no internet; this flat repository is served by the lab's router",
  "# namespace at the mirror address. [trusted=yes] because it is a local unsigned repo built from Debian's",
  "# signed archive at image build time and reachable only inside the lab's namespaces.",
  `deb [trusted=yes] http://${MIRROR_ADDRESS}:${MIRROR_PORT}/ ./`,
  "",
].join("\n");

export function imageKey(): string {
  const spec = {
    SUITE,
    MIRRORS,
    LAYOUT_VERSION,
    variant: "minbase",
    include: imagePackages.map((p) => p.name),
    guest: guestPackages.map((p) => p.name),
    sources: GUEST_SOURCES_LIST,
  };
  return createHash("sha256").update(JSON.stringify(spec)).digest("hex").slice(0, 16);
}

/** Returns the cached image for the current spec, building it (about 40-60 s, needs Debian's mirror) if absent. */
export async function buildImage(opts: { cacheDir?: string; log?: (line: string) => void } = {}): Promise<LabImage> {
  const cacheDir = opts.cacheDir ?? DEFAULT_CACHE_DIR;
  const log = opts.log ?? (() => undefined);
  const key = imageKey();
  const dir = path.join(cacheDir, key);
  const ready = (): LabImage | undefined =>
    fs.existsSync(path.join(dir, "ready.json"))
      ? { key, dir, rootfs: path.join(dir, "rootfs"), repo: path.join(dir, "repo"), built: false, buildMs: 0 }
      : undefined;
  const cached = ready();
  if (cached) return cached;
  fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  return withDirLock(path.join(cacheDir, `${key}.lock`), 15 * 60_000, async () => {
    const again = ready();
    if (again) return again;
    const started = Date.now();
    const tmp = path.join(cacheDir, `${key}.tmp-${process.pid}`);
    removeTreeSafely(tmp);
    fs.mkdirSync(path.join(tmp, "repo"), { recursive: true });
    try {
      log(`lab: building Debian ${SUITE} image ${key} with mmdebstrap (cold, about a minute)`);
      await mmdebstrap(path.join(tmp, "rootfs"), path.join(tmp, "repo"));
      const count = await writeFlatRepoIndex(path.join(tmp, "repo"));
      log(`lab: offline repository has ${count} packages`);
      await finishRootfs(path.join(tmp, "rootfs"), path.join(tmp, "repo"), `${key.slice(0, 6)}-${process.pid}`);
      fs.writeFileSync(
        path.join(tmp, "ready.json"),
        JSON.stringify({ key, builtAt: new Date().toISOString(), buildMs: Date.now() - started, repoPackages: count }) + "\n",
      );
      fs.renameSync(tmp, dir);
      const pruned = pruneImageCache(cacheDir, key);
      if (pruned.length) log(`lab: removed unused cached images ${pruned.join(", ")}`);
    } catch (err) {
      removeTreeSafely(tmp);
      throw err;
    }
    const img = ready()!;
    return { ...img, built: true, buildMs: Date.now() - started };
  });
}

async function mmdebstrap(rootfs: string, repo: string): Promise<void> {
  const names = guestPackages.map((p) => p.name).join(" ");
  // One apt call per package, so each gets the dependency/Recommends resolution it would get alone in the guest.
  const hook =
    `for p in ${names}; do chroot "$1" apt-get install --download-only --reinstall -y "$p" || exit 1; done; ` +
    `mv "$1"/var/cache/apt/archives/*.deb '${repo}/'`;
  await runCommand(
    "mmdebstrap",
    [
      "--variant=minbase",
      `--include=${imagePackages.map((p) => p.name).join(",")}`,
      `--customize-hook=${hook}`,
      SUITE,
      rootfs,
      ...MIRRORS,
    ],
    { timeoutMs: 20 * 60_000 },
  );
}

/** Points the image's apt at the lab mirror, pre-seeds its lists through a throwaway netns, removes per-host identity. */
async function finishRootfs(rootfs: string, repo: string, tag: string): Promise<void> {
  for (const f of fs.readdirSync(path.join(rootfs, "etc/ssh"))) {
    if (f.startsWith("ssh_host_")) fs.rmSync(path.join(rootfs, "etc/ssh", f));
  }
  fs.writeFileSync(path.join(rootfs, "etc/machine-id"), "");
  fs.writeFileSync(path.join(rootfs, "etc/apt/sources.list"), GUEST_SOURCES_LIST);
  fs.rmSync(path.join(rootfs, "etc/apt/sources.list.d"), { recursive: true, force: true });
  fs.mkdirSync(path.join(rootfs, "etc/apt/sources.list.d"));
  const ns = `hhl-build-${tag}`;
  let serverPid: number | undefined;
  await runCommand("ip", ["netns", "add", ns]);
  try {
    await runCommand("ip", ["-n", ns, "link", "set", "lo", "up"]);
    await runCommand("ip", ["-n", ns, "addr", "add", `${MIRROR_ADDRESS}/32`, "dev", "lo"]);
    serverPid = await startRepoServer({ netns: ns, dir: repo, logPath: path.join(repo, "..", "build-mirror.log") });
    // Fresh-box state includes apt lists, so `apt-get install` works before any `apt-get update`.
    await runCommand(
      "systemd-nspawn",
      ["-q", "-D", rootfs, "--register=no", "--keep-unit", `--network-namespace-path=/run/netns/${ns}`, "--resolv-conf=off", "apt-get", "update"],
      { timeoutMs: 120_000 },
    );
  } finally {
    if (serverPid) await stopProcess(serverPid, repo, 5_000);
    await runCommand("ip", ["netns", "del", ns], { allowFailure: true });
  }
}
