/** A kernel module the lockdown refuses to load, with the reason and the guidance it comes from. */
export interface BlacklistedModule {
  module: string;
  reason: string;
  source: string;
}

export const BLACKLISTED_MODULES: readonly BlacklistedModule[] = [
  { module: "cramfs", reason: "An old compressed file system no home host mounts; its parser is attack surface.", source: "CIS Debian 1.1.1.1" },
  { module: "freevxfs", reason: "A Veritas file system from HP-UX.", source: "CIS Debian 1.1.1.2" },
  { module: "hfs", reason: "Old Mac volumes; no Home Assistant backup uses them.", source: "CIS Debian 1.1.1.3" },
  { module: "hfsplus", reason: "Mac volumes; a backup stick is FAT, exFAT or ext4.", source: "CIS Debian 1.1.1.4" },
  { module: "jffs2", reason: "Raw flash file system of routers, not of an SD card or SSD.", source: "CIS Debian 1.1.1.5" },
  { module: "udf", reason: "Optical discs; a plugged-in malicious disc image is the classic exploit path.", source: "CIS Debian 1.1.1.7" },
  { module: "dccp", reason: "A rarely used transport protocol with a history of local root exploits.", source: "CIS Debian 3.2.1; Lynis NETW-3200" },
  { module: "sctp", reason: "A transport protocol nothing on a Home Assistant host speaks.", source: "CIS Debian 3.2.4; Lynis NETW-3200" },
  { module: "rds", reason: "A cluster protocol with a history of local root exploits.", source: "CIS Debian 3.2.2; Lynis NETW-3200" },
  { module: "tipc", reason: "A cluster protocol nothing on a home host speaks.", source: "CIS Debian 3.2.3; Lynis NETW-3200" },
  { module: "firewire-core", reason: "FireWire gives plugged-in devices direct memory access.", source: "Lynis STRG-1846; Securing Debian manual 4.x (FireWire)" },
  { module: "firewire-ohci", reason: "The FireWire controller driver, refused with the core.", source: "Lynis STRG-1846" },
  { module: "firewire-sbp2", reason: "FireWire storage, refused with the core.", source: "Lynis STRG-1846" },
];

/** Left loadable on purpose, each with the reason: what Home Assistant users plug in. */
export const KEPT_MODULES: readonly { module: string; reason: string }[] = [
  { module: "usb-storage", reason: "A USB stick or disk is how Home Assistant backups leave the box (CIS Debian 1.1.1.8 would disable it)." },
  { module: "bluetooth", reason: "Home Assistant's Bluetooth integration talks to sensors and locks through it." },
  { module: "vfat", reason: "Raspberry Pi boot partitions and backup sticks are FAT." },
  { module: "squashfs", reason: "Raspberry Pi OS recovery and update images use it (CIS leaves it a site choice)." },
  { module: "wireguard", reason: "The remote-access VPN." },
];
