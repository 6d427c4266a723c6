import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_CACHE_DIR } from "../host/labPaths";
import { cachedBuild } from "../image/cachedBuild";
import { runCommand } from "../host/runCommand";
import { fetchWheelhouse, Wheelhouse } from "./fetchWheelhouse";
import { HA_IMAGE_PINS, HaImagePins } from "./haImagePins";
import { OciContainerConfig, writeOciArchive } from "./writeOciArchive";

/** Bump when the build steps below change, so an old image is not reused. */
const LAYOUT_VERSION = 1;

export interface HaImage {
  key: string;
  /** The oci-archive tar `podman load -i` reads. */
  archive: string;
  /** e.g. localhost/home-assistant:2026.11.0 */
  name: string;
  manifestDigest: string;
  /** The image ID podman shows after loading. */
  configDigest: string;
  bytes: number;
  built: boolean;
  buildMs: number;
  wheelhouse: Wheelhouse;
}

/** What the container runs: Home Assistant on /config, never installing anything at run time. */
export function haContainerConfig(pins: HaImagePins = HA_IMAGE_PINS): OciContainerConfig {
  return {
    Entrypoint: [`${pins.venv}/bin/python`, "-m", "homeassistant", "--config", "/config", "--skip-pip"],
    Env: [`PATH=${pins.venv}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`, "LANG=C.UTF-8", "PYTHONUNBUFFERED=1"],
    WorkingDir: "/config",
    ExposedPorts: { "8123/tcp": {} },
    Labels: { "org.opencontainers.image.title": "Home Assistant", "org.opencontainers.image.version": pins.homeassistant },
  };
}

export function haImageKey(wheelhouseKey: string, pins: HaImagePins = HA_IMAGE_PINS): string {
  const spec = {
    LAYOUT_VERSION,
    wheelhouseKey,
    suite: pins.suite,
    sources: pins.sources,
    aptOptions: pins.aptOptions,
    packages: pins.debianPackages.map((p) => p.name),
    venv: pins.venv,
    config: haContainerConfig(pins),
  };
  return createHash("sha256").update(JSON.stringify(spec)).digest("hex").slice(0, 16);
}

/**
 * A Home Assistant image (the newest release unless other pins are given) as an oci-archive, cached in
 * `<cacheDir>/ha-image/<release>/<key>` keyed by its inputs, one kept per release: a Debian forky minbase root
 * file system (mmdebstrap) with the wheelhouse installed offline into a venv.
 */
export async function buildHaImage(opts: { cacheDir?: string; log?: (line: string) => void; pins?: HaImagePins } = {}): Promise<HaImage> {
  const pins = opts.pins ?? HA_IMAGE_PINS;
  const cacheDir = opts.cacheDir ?? DEFAULT_CACHE_DIR;
  const log = opts.log ?? (() => undefined);
  const wheelhouse = await fetchWheelhouse({ cacheDir, log, pins });
  const root = path.join(cacheDir, "ha-image", pins.homeassistant);
  const key = haImageKey(wheelhouse.key, pins);
  const dir = path.join(root, key);
  const name = `${pins.imageName}:${pins.homeassistant}`;
  const ready = (built: boolean, buildMs: number): HaImage | undefined => {
    const file = path.join(dir, "ready.json");
    if (!fs.existsSync(file)) return undefined;
    const r = JSON.parse(fs.readFileSync(file, "utf8")) as { manifestDigest: string; configDigest: string; bytes: number };
    return { key, archive: path.join(dir, "home-assistant.oci.tar"), name, ...r, built, buildMs, wheelhouse };
  };
  return cachedBuild({
    root,
    key,
    lockMs: 30 * 60_000,
    ready,
    keepKeys: [key],
    onPruned: (removed) => log(`ha-image: removed older images ${removed.join(", ")}`),
    build: async (tmp, started) => {
      log(`ha-image: building ${name} (${key}) with mmdebstrap from Debian ${pins.suite} (cold, a few minutes)`);
      const layer = path.join(tmp, "layer.tar");
      await mmdebstrapLayer(pins, wheelhouse, layer);
      const oci = await writeOciArchive({ layerTar: layer, out: path.join(tmp, "home-assistant.oci.tar"), refName: name, config: haContainerConfig(pins), created: new Date().toISOString() });
      fs.rmSync(layer);
      const record = { name, manifestDigest: oci.manifestDigest, configDigest: oci.configDigest, bytes: oci.bytes, builtAt: new Date().toISOString(), buildMs: Date.now() - started };
      fs.writeFileSync(path.join(tmp, "ready.json"), JSON.stringify(record) + "\n");
      log(`ha-image: ${name} is ${oci.manifestDigest} (${Math.round(oci.bytes / 2 ** 20)} MiB)`);
    },
  });
}

/** The root file system as one tar, without /dev nodes (a rootless podman cannot create them when it unpacks). */
async function mmdebstrapLayer(pins: HaImagePins, wheelhouse: Wheelhouse, out: string): Promise<void> {
  const venv = pins.venv;
  const pip = `chroot "$1" env -i PATH=/usr/bin:/bin ${venv}/bin/pip --isolated`;
  try {
    await runCommand(
      "mmdebstrap",
      [
        "--variant=minbase",
        ...pins.aptOptions.map((o) => `--aptopt=${o}`),
        `--include=${pins.debianPackages.map((p) => p.name).join(",")}`,
        "--skip=output/dev",
        `--customize-hook=mkdir -p "$1/tmp/wheelhouse" && cp -a '${wheelhouse.dir}/.' "$1/tmp/wheelhouse/"`,
        `--customize-hook=chroot "$1" python3.14 -m venv ${venv}`,
        `--customize-hook=${pip} install -q --no-index --no-cache-dir --find-links /tmp/wheelhouse -r /tmp/wheelhouse/requirements.txt`,
        `--customize-hook=${pip} check`,
        `--customize-hook=mkdir -m 0755 "$1/config" && rm -rf "$1/tmp/wheelhouse" "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*`,
        pins.suite,
        out,
        ...pins.sources,
      ],
      { timeoutMs: 30 * 60_000 },
    );
  } catch (err) {
    throw new Error(`ha-image: mmdebstrap of the Home Assistant root file system failed (Debian's archive reachable? wheelhouse complete?): ${(err as Error).message}`);
  }
}
