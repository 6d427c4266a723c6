import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_CACHE_DIR } from "../host/labPaths";
import { cachedBuild } from "../image/cachedBuild";
import { removeTreeSafely } from "../host/removeTreeSafely";
import { runCommand } from "../host/runCommand";
import { HA_IMAGE_PINS, HaImagePins } from "./haImagePins";

/** Bump when the steps below change, so an old wheelhouse is not reused. */
const LAYOUT_VERSION = 1;
/** The pip the wheelhouse is fetched with (its resolver decides what lands). */
const PIP_VERSION = "26.3";

export interface Wheelhouse {
  key: string;
  dir: string;
  /** requirements.txt in dir: what the image installs from it. */
  requirements: string;
  wheels: string[];
  bytes: number;
  built: boolean;
  fetchMs: number;
}

/** The `name==version` lines the wheelhouse is resolved from and the image installs. */
export function wheelhouseRequirements(pins: HaImagePins = HA_IMAGE_PINS): string[] {
  return [
    `homeassistant==${pins.homeassistant}`,
    `home-assistant-frontend==${pins.frontend}`,
    ...pins.requirements.map((r) => r.name),
    ...pins.markerRequirements.map((r) => r.name),
  ];
}

export function wheelhouseKey(pins: HaImagePins = HA_IMAGE_PINS): string {
  const spec = {
    LAYOUT_VERSION,
    PIP_VERSION,
    python: pins.pythonVersion,
    requirements: wheelhouseRequirements(pins),
    builtFromSource: pins.builtFromSource.map((p) => p.name),
  };
  return createHash("sha256").update(JSON.stringify(spec)).digest("hex").slice(0, 16);
}

/** manylinux tags a CPython 3.14 on Debian forky's glibc accepts, oldest first. */
function platformArgs(): string[] {
  const tags = ["manylinux1_x86_64", "manylinux2010_x86_64", "manylinux2014_x86_64"];
  for (let minor = 5; minor <= 41; minor++) tags.push(`manylinux_2_${minor}_x86_64`);
  return [...tags.flatMap((t) => ["--platform", t]), "--platform", "any"];
}

/**
 * The pinned Home Assistant, its frontend and every dependency as binary wheels for CPython 3.14 on x86_64,
 * fetched from PyPI once into `<cacheDir>/ha-wheelhouse/<release>/<key>` (about 250 MB) and reused after; one
 * wheelhouse is kept per release.
 */
export async function fetchWheelhouse(opts: { cacheDir?: string; log?: (line: string) => void; pins?: HaImagePins } = {}): Promise<Wheelhouse> {
  const pins = opts.pins ?? HA_IMAGE_PINS;
  const root = path.join(opts.cacheDir ?? DEFAULT_CACHE_DIR, "ha-wheelhouse", pins.homeassistant);
  const log = opts.log ?? (() => undefined);
  const key = wheelhouseKey(pins);
  const dir = path.join(root, key);
  const ready = (built: boolean, fetchMs: number): Wheelhouse | undefined => {
    if (!fs.existsSync(path.join(dir, "ready.json"))) return undefined;
    const wheels = fs.readdirSync(path.join(dir, "wheels")).filter((f) => f.endsWith(".whl")).sort();
    const bytes = wheels.reduce((n, w) => n + fs.statSync(path.join(dir, "wheels", w)).size, 0);
    return { key, dir: path.join(dir, "wheels"), requirements: path.join(dir, "wheels", "requirements.txt"), wheels, bytes, built, fetchMs };
  };
  return cachedBuild({
    root,
    key,
    lockMs: 30 * 60_000,
    ready,
    keepKeys: [key],
    onPruned: (removed) => log(`ha-image: removed older wheelhouses ${removed.join(", ")}`),
    build: async (tmp, started) => {
      const wheels = path.join(tmp, "wheels");
      fs.mkdirSync(wheels, { recursive: true });
      try {
        log(`ha-image: fetching the wheelhouse ${key} for Home Assistant ${pins.homeassistant} from PyPI (cold, a few minutes)`);
        const venv = path.join(tmp, "venv");
        await runCommand("python3", ["-m", "venv", venv], { timeoutMs: 120_000 });
        const pip = path.join(venv, "bin", "pip");
        // --isolated: no pip.conf or PIP_* variable of the controller changes what is fetched.
        await runCommand(pip, ["--isolated", "install", "-q", `pip==${PIP_VERSION}`], { timeoutMs: 300_000 });
        const constraints = await haConstraints(pins, path.join(venv, "bin", "python"), pip, wheels, tmp);
        for (const p of pins.builtFromSource) {
          await runCommand(pip, ["--isolated", "wheel", "-q", "--no-deps", "--no-binary", ":all:", "-w", wheels, p.name], { timeoutMs: 600_000 });
        }
        const reqFile = path.join(wheels, "requirements.txt");
        fs.writeFileSync(reqFile, wheelhouseRequirements(pins).join("\n") + "\n");
        await runCommand(
          pip,
          [
            "--isolated", "download", "-q", "--progress-bar", "off",
            "-d", wheels, "--find-links", wheels,
            "-r", reqFile, "-c", constraints,
            "--only-binary=:all:", "--implementation", "cp", "--python-version", pins.pythonVersion,
            "--abi", "cp314", "--abi", "abi3", "--abi", "none", ...platformArgs(),
          ],
          { timeoutMs: 30 * 60_000 },
        );
        const fetched = fs.readdirSync(wheels).filter((f) => f.endsWith(".whl"));
        fs.writeFileSync(
          path.join(tmp, "ready.json"),
          JSON.stringify({ key, fetchedAt: new Date().toISOString(), fetchMs: Date.now() - started, wheels: fetched.length }) + "\n",
        );
        removeTreeSafely(venv);
      } catch (err) {
        throw new Error(`ha-image: fetching the wheelhouse failed (is PyPI reachable?): ${(err as Error).message}`);
      }
    },
  });
}

/** Home Assistant's own package_constraints.txt, read from its wheel, so the resolver agrees with its pins. */
async function haConstraints(pins: HaImagePins, python: string, pip: string, wheels: string, tmp: string): Promise<string> {
  await runCommand(
    pip,
    ["--isolated", "download", "-q", "--no-deps", "--only-binary=:all:", "--python-version", pins.pythonVersion, "-d", wheels, `homeassistant==${pins.homeassistant}`],
    { timeoutMs: 600_000 },
  );
  const wheel = fs.readdirSync(wheels).find((f) => f.startsWith(`homeassistant-${pins.homeassistant}-`) && f.endsWith(".whl"));
  if (!wheel) throw new Error(`pip download of homeassistant==${pins.homeassistant} left no wheel in ${wheels}`);
  const out = path.join(tmp, "package_constraints.txt");
  const read = "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read('homeassistant/package_constraints.txt').decode())";
  fs.writeFileSync(out, (await runCommand(python, ["-c", read, path.join(wheels, wheel)], { timeoutMs: 60_000 })).stdout);
  return out;
}
