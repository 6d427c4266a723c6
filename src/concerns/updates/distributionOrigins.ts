import type { OsId } from "../../core/osTable";

/**
 * The origins each OS's own security fixes come from, as unattended-upgrades' Origins-Pattern entries: every one
 * is allowed on a host of that OS, and every one must be. `${distro_codename}` is expanded by unattended-upgrades,
 * so the patterns follow a release upgrade.
 */
export const DISTRIBUTION_ORIGINS: Readonly<Record<OsId, readonly string[]>> = {
  "debian-13": ["origin=Debian,codename=${distro_codename}-security,label=Debian-Security"],
  "debian-12": ["origin=Debian,codename=${distro_codename}-security,label=Debian-Security"],
  // The Raspberry Pi archive has no security pocket: its kernel and firmware fixes arrive in the release suite.
  // Origin and Label as the bookworm suite's Release file on archive.raspberrypi.com carries them (quoted in public
  // notes); trixie's is assumed the same. Neither is checked against the live archive (the lab cannot reach it).
  "raspios-13": [
    "origin=Debian,codename=${distro_codename}-security,label=Debian-Security",
    "origin=Raspberry Pi Foundation,codename=${distro_codename},label=Raspberry Pi Foundation",
  ],
  "raspios-12": [
    "origin=Debian,codename=${distro_codename}-security,label=Debian-Security",
    "origin=Raspberry Pi Foundation,codename=${distro_codename},label=Raspberry Pi Foundation",
  ],
  "ubuntu-24.04": ["origin=Ubuntu,archive=${distro_codename}-security"],
};
