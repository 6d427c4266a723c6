import type { OsProfile } from "../../core/osTable";
import type { HomeAssistantConfig } from "./config";
import { HA_PATHS } from "./haPaths";

/** A setting of the container or its service, with the reason it is there. */
interface UnitSetting {
  key: string;
  value: string;
  reason: string;
}

export interface HaUnit {
  format: "quadlet" | "systemd";
  /** The file name inside the unit directory. */
  file: string;
  content: string;
}

/** How the container runs: rootless (the user's own namespace), host network, no privilege, the config mounted. */
export function containerSettings(ha: Pick<HomeAssistantConfig, "image" | "devices">): UnitSetting[] {
  return [
    { key: "ContainerName", value: HA_PATHS.unit, reason: "one name for podman, the logs and the apply" },
    { key: "Image", value: ha.image, reason: "pinned by digest: the image changes only when the config does" },
    { key: "Network", value: "host", reason: "discovery sees the LAN; the host firewall does the filtering" },
    { key: "Volume", value: `${HA_PATHS.configDir}:${HA_PATHS.containerConfigDir}`, reason: "the configuration, owned by homeassistant on the host" },
    { key: "NoNewPrivileges", value: "true", reason: "no setuid program inside gains anything" },
    { key: "PodmanArgs", value: "--umask=0027", reason: "what Home Assistant writes stays out of reach of other users" },
    { key: "LogDriver", value: "journald", reason: "Home Assistant's log in the journal, with the unit's name" },
    ...ha.devices.map((d) => ({ key: "AddDevice", value: d, reason: "a radio stick, readable through the user's dialout group" })),
    ...(ha.devices.length > 0 ? [{ key: "GroupAdd", value: "keep-groups", reason: "the container keeps the user's dialout membership for the sticks" }] : []),
  ];
}

/** How systemd runs the user unit: started at boot through linger, restarted when it stops. */
export const SERVICE_SETTINGS: readonly UnitSetting[] = [
  { key: "Restart", value: "always", reason: "back after a crash, a kill, or Home Assistant's own restart (it exits with 100)" },
  { key: "RestartSec", value: "5", reason: "a crash loop costs little" },
  { key: "TimeoutStartSec", value: "900", reason: "a first start on a Raspberry Pi unpacks the image layers" },
  { key: "UMask", value: "0027", reason: "what Home Assistant writes stays out of reach of other users" },
];

const UNIT_SECTION = ["[Unit]", "Description=Home Assistant (rootless Podman, managed by ha-hardened-host)", "Wants=network-online.target", "After=network-online.target"];
const INSTALL_SECTION = ["[Install]", "WantedBy=default.target"];

/** Podman run flags for the settings a plain unit passes on the command line (what Quadlet generates itself). */
function podmanRunFlag(s: UnitSetting): string[] {
  switch (s.key) {
    case "ContainerName":
      return ["--name", s.value];
    case "Network":
      return ["--network", s.value];
    case "Volume":
      return ["--volume", s.value];
    case "NoNewPrivileges":
      return ["--security-opt", "no-new-privileges"];
    case "PodmanArgs":
      return [s.value];
    case "LogDriver":
      return ["--log-driver", s.value];
    case "AddDevice":
      return ["--device", s.value];
    case "GroupAdd":
      return ["--group-add", s.value];
    default:
      throw new Error(`no podman flag for ${s.key}`);
  }
}

/**
 * The user unit that runs Home Assistant: a Quadlet `.container` where the OS's Podman has Quadlet, else the
 * plain service Quadlet would generate. One set of settings feeds both.
 */
export function renderHaUnit(ha: Pick<HomeAssistantConfig, "image" | "devices">, os: Pick<OsProfile, "podmanQuadlet">): HaUnit {
  const settings = containerSettings(ha);
  const service = SERVICE_SETTINGS.map((s) => `${s.key}=${s.value}`);
  if (os.podmanQuadlet) {
    const content = [...UNIT_SECTION, "", "[Container]", ...settings.map((s) => `${s.key}=${s.value}`), "", "[Service]", ...service, "", ...INSTALL_SECTION, ""].join("\n");
    return { format: "quadlet", file: `${HA_PATHS.unit}.container`, content };
  }
  const image = settings.find((s) => s.key === "Image")!.value;
  const flags = settings.filter((s) => s.key !== "Image").flatMap(podmanRunFlag);
  const run = ["/usr/bin/podman", "run", "--rm", "--replace", "--cgroups=split", "--sdnotify=conmon", "-d", ...flags, image].join(" ");
  const content = [
    ...UNIT_SECTION,
    "",
    "[Service]",
    "Environment=PODMAN_SYSTEMD_UNIT=%n",
    "Type=notify",
    "NotifyAccess=all",
    "KillMode=mixed",
    "Delegate=yes",
    `ExecStart=${run}`,
    `ExecStop=/usr/bin/podman rm -v -f -i ${HA_PATHS.unit}`,
    `ExecStopPost=-/usr/bin/podman rm -v -f -i ${HA_PATHS.unit}`,
    ...service,
    "",
    ...INSTALL_SECTION,
    "",
  ].join("\n");
  return { format: "systemd", file: `${HA_PATHS.unit}.service`, content };
}
