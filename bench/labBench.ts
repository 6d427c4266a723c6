import * as fs from "fs";
import * as path from "path";
import { buildImage } from "../src/lab/image/buildImage";
import { labDown, labUp } from "../src/lab/host/labHost";
import { removeTreeSafely } from "../src/lab/host/removeTreeSafely";
import { Figure, seconds } from "./figureTable";

export interface LabBenchResult {
  /** mmdebstrap + offline repo + apt lists, into an empty temporary cache (needs Debian's mirror). */
  imageBuildColdMs: number;
  /** `labUp` with the image cached: overlay, keys, network, mirror, nspawn boot, until SSH logs in. */
  hostBootCachedMs: number;
  /** The part of hostBootCachedMs from starting the host to SSH ready (labUp's own figure). */
  sshReadyMs: number;
  labDownMs: number;
}

/** Measures the lab's cold image build and cached boot; prints one line per figure. */
export async function runLabBench(opts: { skipCold?: boolean; log?: (l: string) => void } = {}): Promise<LabBenchResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  let imageBuildColdMs = NaN;
  if (!opts.skipCold) {
    // Same filesystem as the real cache so the build is comparable; removed afterwards.
    fs.mkdirSync("/var/tmp", { recursive: true });
    const tmpCache = fs.mkdtempSync(path.join("/var/tmp", "hhl-bench-cache-"));
    try {
      const t0 = Date.now();
      const img = await buildImage({ cacheDir: tmpCache });
      imageBuildColdMs = Date.now() - t0;
      if (!img.built) throw new Error("bench: the temporary cache unexpectedly held an image");
    } finally {
      removeTreeSafely(tmpCache);
    }
    log(`lab image build (cold): ${(imageBuildColdMs / 1000).toFixed(1)} s`);
  }
  await buildImage(); // make sure the real cache is warm; not measured
  const name = "bench";
  await labDown(name);
  const t1 = Date.now();
  const up = await labUp({ name });
  const hostBootCachedMs = Date.now() - t1;
  log(`lab host boot (cached image, to SSH login): ${(hostBootCachedMs / 1000).toFixed(1)} s`);
  const t2 = Date.now();
  await labDown(name);
  const labDownMs = Date.now() - t2;
  log(`lab down: ${(labDownMs / 1000).toFixed(1)} s`);
  return { imageBuildColdMs, hostBootCachedMs, sshReadyMs: up.bootMs, labDownMs };
}

/** One line per figure for the table. */
export function labFigures(r: LabBenchResult): Figure[] {
  return [
    {
      label: "lab image build, cold",
      value: Number.isNaN(r.imageBuildColdMs) ? "skipped" : seconds(r.imageBuildColdMs, 1),
      how: Number.isNaN(r.imageBuildColdMs) ? "--skip-cold" : "buildImage into an empty temporary cache (mmdebstrap from Debian's mirror + offline repo), one run",
    },
    { label: "lab host boot, cached image", value: seconds(r.hostBootCachedMs, 1), how: "labUp to SSH login with the pinned key, one run" },
    { label: "lab host boot, start to SSH ready", value: seconds(r.sshReadyMs, 1), how: "labUp's own figure (part of the boot above)" },
    { label: "lab down", value: seconds(r.labDownMs, 1), how: "labDown: processes, namespaces, links, files, one run" },
  ];
}

if (require.main === module) {
  runLabBench({ skipCold: process.argv.includes("--skip-cold") }).then(
    () => process.exit(0),
    (err: Error) => {
      console.error(`lab bench: ${err.message}`);
      process.exit(1);
    },
  );
}
