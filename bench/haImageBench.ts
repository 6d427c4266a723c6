import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildHaImage } from "../src/lab/haImage/buildHaImage";
import { fetchWheelhouse } from "../src/lab/haImage/fetchWheelhouse";
import { guestShell } from "../src/lab/haImage/guestShell";
import { runHaInLab } from "../src/lab/haImage/runHaInLab";
import { labDown, labUp } from "../src/lab/host/labHost";
import { removeTreeSafely } from "../src/lab/host/removeTreeSafely";
import { Figure, seconds } from "./figureTable";

export interface HaImageBenchResult {
  /** pip download of the wheelhouse from PyPI into an empty temporary cache. */
  wheelhouseColdMs: number;
  /** mmdebstrap + offline venv install + OCI archive, the wheelhouse present. */
  imageBuildColdMs: number;
  /** buildHaImage again with everything cached. */
  imageBuildCachedMs: number;
  imageMiB: number;
  /** podman load as homeassistant, the archive streamed over SSH into the guest. */
  loadMs: number;
  /** podman run to the first 200 from /api/onboarding on the LAN. */
  startToAnswerMs: number;
}

/** Measures the Home Assistant image (wheelhouse, build cold and cached) and its start in a lab guest. */
export async function runHaImageBench(opts: { skipCold?: boolean; log?: (l: string) => void } = {}): Promise<HaImageBenchResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  let wheelhouseColdMs = NaN;
  let imageBuildColdMs = NaN;
  if (!opts.skipCold) {
    fs.mkdirSync("/var/tmp", { recursive: true });
    const tmpCache = fs.mkdtempSync(path.join("/var/tmp", "hhl-bench-ha-"));
    try {
      const t0 = Date.now();
      await fetchWheelhouse({ cacheDir: tmpCache });
      wheelhouseColdMs = Date.now() - t0;
      log(`ha wheelhouse fetch (cold): ${seconds(wheelhouseColdMs, 1)}`);
      const t1 = Date.now();
      const img = await buildHaImage({ cacheDir: tmpCache });
      imageBuildColdMs = Date.now() - t1;
      if (!img.built) throw new Error("bench: the temporary cache unexpectedly held an image");
      log(`ha image build (cold, wheelhouse cached): ${seconds(imageBuildColdMs, 1)}`);
    } finally {
      removeTreeSafely(tmpCache);
    }
  }
  await buildHaImage(); // the real cache, warm; not measured
  const t2 = Date.now();
  const image = await buildHaImage();
  const imageBuildCachedMs = Date.now() - t2;
  const name = "habench";
  await labDown(name);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ha-bench-"));
  try {
    const { info } = await labUp({ name });
    const shell = guestShell({ address: info.address, port: info.port, user: info.bootstrapUser, privateKeyPath: info.privateKeyPath, hostKey: info.hostKey }, path.join(tmp, "known_hosts"));
    const run = await runHaInLab(info, image, shell);
    log(`ha podman load: ${seconds(run.loadMs, 1)}; start to first answer: ${seconds(run.startToAnswerMs, 1)}`);
    return { wheelhouseColdMs, imageBuildColdMs, imageBuildCachedMs, imageMiB: image.bytes / 2 ** 20, loadMs: run.loadMs, startToAnswerMs: run.startToAnswerMs };
  } finally {
    await labDown(name);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** One line per figure for the table. */
export function haImageFigures(r: HaImageBenchResult): Figure[] {
  const cold = (ms: number, how: string): Pick<Figure, "value" | "how"> => (Number.isNaN(ms) ? { value: "skipped", how: "--skip-cold" } : { value: seconds(ms, 1), how });
  return [
    { label: "ha wheelhouse fetch, cold", ...cold(r.wheelhouseColdMs, "fetchWheelhouse into an empty temporary cache (pip download from PyPI), one run") },
    { label: "ha image build, cold", ...cold(r.imageBuildColdMs, "buildHaImage, wheelhouse present: mmdebstrap forky + offline venv install + oci-archive, one run") },
    { label: "ha image build, cached", value: seconds(r.imageBuildCachedMs, 3), how: `buildHaImage with the archive cached (${Math.round(r.imageMiB)} MiB), one run` },
    { label: "ha image load, rootless", value: seconds(r.loadMs, 1), how: "podman load as homeassistant, archive streamed over SSH, one run" },
    { label: "ha start to first answer", value: seconds(r.startToAnswerMs, 1), how: "podman run to the first 200 from /api/onboarding on the LAN, one run" },
  ];
}

if (require.main === module) {
  runHaImageBench({ skipCold: process.argv.includes("--skip-cold") }).then(
    (r) => {
      console.log(JSON.stringify(r));
      process.exit(0);
    },
    (err: Error) => {
      console.error(`ha image bench: ${err.message}`);
      process.exit(1);
    },
  );
}
