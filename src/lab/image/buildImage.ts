import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_CACHE_DIR } from "../host/labPaths";
import { runCommand } from "../host/runCommand";
import { MIRROR_ADDRESS, MIRROR_PORT, startRepoServer } from "../net/repoServer";
import { stopProcess } from "../host/processControl";
import { writeFlatRepoIndex } from "./flatRepoIndex";
import { guestPackages, imagePackages } from "./guestPackages";
import { DEFAULT_LAB_OS, LAB_OS_IDS, LAB_OS_TABLE, LabOsId } from "./labOs";
import { cachedBuild } from "./cachedBuild";

/** Bump when the build steps below change, so old caches are not reused. */
const LAYOUT_VERSION = 1;

export interface LabImage {
  os: LabOsId;
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

/** Everything that decides what the build of `os` produces; its hash is the cache key. */
export function imageSpec(os: LabOsId = DEFAULT_LAB_OS): Record<string, unknown> {
  return {
    suite: LAB_OS_TABLE[os].suite,
    sources: LAB_OS_TABLE[os].sources,
    LAYOUT_VERSION,
    variant: "minbase",
    include: imagePackages.map((p) => p.name),
    guest: guestPackages.map((p) => p.name),
    guestSources: GUEST_SOURCES_LIST,
  };
}

export function imageKey(os: LabOsId = DEFAULT_LAB_OS): string {
  return createHash("sha256").update(JSON.stringify(imageSpec(os))).digest("hex").slice(0, 16);
}

/** Returns the cached image of `os` for the current spec, building it (about 40-60 s, needs Debian's mirror) if absent. */
export async function buildImage(opts: { os?: LabOsId; cacheDir?: string; log?: (line: string) => void } = {}): Promise<LabImage> {
  const os = opts.os ?? DEFAULT_LAB_OS;
  const cacheDir = opts.cacheDir ?? DEFAULT_CACHE_DIR;
  const log = opts.log ?? (() => undefined);
  const key = imageKey(os);
  const dir = path.join(cacheDir, key);
  const ready = (built: boolean, buildMs: number): LabImage | undefined =>
    fs.existsSync(path.join(dir, "ready.json"))
      ? { os, key, dir, rootfs: path.join(dir, "rootfs"), repo: path.join(dir, "repo"), built, buildMs }
      : undefined;
  return cachedBuild({
    root: cacheDir,
    key,
    lockMs: 15 * 60_000,
    ready,
    // Keeps the current image of every lab OS: a debian-13 build must not drop the cached debian-12 one.
    keepKeys: LAB_OS_IDS.map((id) => imageKey(id)),
    onPruned: (removed) => log(`lab: removed unused cached images ${removed.join(", ")}`),
    build: async (tmp, started) => {
      fs.mkdirSync(path.join(tmp, "repo"), { recursive: true });
      log(`lab: building ${LAB_OS_TABLE[os].title} image ${key} with mmdebstrap (cold, about a minute)`);
      await mmdebstrap(os, path.join(tmp, "rootfs"), path.join(tmp, "repo"));
      const count = await writeFlatRepoIndex(path.join(tmp, "repo"));
      log(`lab: offline repository has ${count} packages`);
      await finishRootfs(path.join(tmp, "rootfs"), path.join(tmp, "repo"), `${key.slice(0, 6)}-${process.pid}`);
      fs.writeFileSync(
        path.join(tmp, "ready.json"),
        JSON.stringify({ os, key, builtAt: new Date().toISOString(), buildMs: Date.now() - started, repoPackages: count }) + "\n",
      );
    },
  });
}

async function mmdebstrap(os: LabOsId, rootfs: string, repo: string): Promise<void> {
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
      LAB_OS_TABLE[os].suite,
      rootfs,
      ...LAB_OS_TABLE[os].sources,
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
