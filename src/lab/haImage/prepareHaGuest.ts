import { HA_PATHS } from "../../concerns/homeassistant/haPaths";
import { OS_TABLE } from "../../core/osTable";
import type { LabOsId } from "../image/labOs";
import { HaImage } from "./buildHaImage";
import { GuestShell, mustRun } from "./guestShell";
import { HA_PACKAGE_NAMES, haRootlessSetup } from "./haRootlessSetup";
import { labCgroupV1DropIn } from "./labCgroupV1DropIn";
import { loadHaImageRootless, LoadedHaImage } from "./loadHaImageRootless";


/**
 * Readies a hardened lab host (the stack applied, so the homeassistant user exists) for the stack's Home Assistant,
 * through a root shell: what `podman pull` does on a real host (the image in the user's storage, since images
 * cannot be pulled here), and the lab's cgroup v1 drop-in. Returns the pinned reference to put in the stack.
 */
export async function prepareHaGuest(shell: GuestShell, image: HaImage, os: LabOsId): Promise<LoadedHaImage> {
  await mustRun(shell, "apt-get install", `DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${HA_PACKAGE_NAMES.join(" ")}`, 600_000);
  await mustRun(shell, "rootless setup", haRootlessSetup(HA_PATHS.user), 600_000);
  const loaded = await loadHaImageRootless(shell, image, HA_PATHS.user);
  await mustRun(shell, "the lab's cgroup v1 drop-in", labCgroupV1DropIn(OS_TABLE[os].podmanQuadlet), 600_000);
  return loaded;
}
