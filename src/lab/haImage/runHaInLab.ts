import { LabHostInfo } from "../host/labHost";
import { HaImage } from "./buildHaImage";
import { GuestShell, mustRun } from "./guestShell";
import { loadHaImageRootless, LoadedHaImage } from "./loadHaImageRootless";
import { HA_PACKAGE_NAMES, haRootlessSetup } from "./haRootlessSetup";
import { startHaRootless } from "./startHaRootless";
import { HaAnswer, waitForHaOnboarding } from "./waitForHaOnboarding";

export const HA_USER = "homeassistant";
export const HA_CONFIG_DIR = "/var/lib/homeassistant/config";

export interface HaInLab {
  loaded: LoadedHaImage;
  answer: HaAnswer;
  /** ms of `podman load` (the archive streamed over SSH). */
  loadMs: number;
  /** ms from `podman run` to the first 200 from /api/onboarding on the LAN. */
  startToAnswerMs: number;
}


/**
 * On a lab host, through a root shell (root's login, or the admin's sudo): podman from the offline repository, the
 * homeassistant system user (created as the accounts concern does when no stack was applied), its subordinate IDs
 * and linger (the homeassistant concern's own script), then the image loaded and Home Assistant started rootless, until
 * it answers on 8123 from the LAN.
 */
export async function runHaInLab(info: LabHostInfo, image: HaImage, shell: GuestShell): Promise<HaInLab> {
  await mustRun(shell, "apt-get install of podman", `DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${HA_PACKAGE_NAMES.join(" ")}`);
  await mustRun(shell, "useradd", `id ${HA_USER} >/dev/null 2>&1 || useradd --system --create-home --home-dir /var/lib/homeassistant --shell /usr/sbin/nologin ${HA_USER}`);
  await mustRun(shell, "rootless setup", haRootlessSetup(HA_USER));
  const t0 = Date.now();
  const loaded = await loadHaImageRootless(shell, image, HA_USER);
  const loadMs = Date.now() - t0;
  const t1 = Date.now();
  await startHaRootless(shell, { user: HA_USER, image: loaded.pinned, configDir: HA_CONFIG_DIR });
  const answer = await waitForHaOnboarding(info.netns.lan, info.address);
  return { loaded, answer, loadMs, startToAnswerMs: Date.now() - t1 };
}
