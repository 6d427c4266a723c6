import { HA_PACKAGES, SUBORDINATE_RANGE } from "../../concerns/homeassistant/haPackages";
import { HA_ROOTLESS_SCRIPT } from "../../concerns/homeassistant/steps/haRootlessScript";
import { remoteScript } from "../../core/remoteScript";

/**
 * The product's own rootless setup for `user` (subordinate IDs, linger), as a root shell command: the lab runs it
 * before an image can be loaded into the user's storage (images cannot be pulled here).
 */
export function haRootlessSetup(user: string): string {
  return remoteScript({
    manifest: { kind: "script", host: "lab", purpose: `rootless Podman for ${user} before the lab loads its image` },
    step: "lab-ha-rootless",
    script: HA_ROOTLESS_SCRIPT,
    args: [user, String(SUBORDINATE_RANGE.start), String(SUBORDINATE_RANGE.count), "no"],
    user: "root",
  });
}

/** What rootless Podman needs, the product's own list. */
export const HA_PACKAGE_NAMES = HA_PACKAGES.map((p) => p.name);
