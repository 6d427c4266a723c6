import { HOST_PATHS } from "../../core/hostPaths";
import { HA_SERVICE_USER } from "../accounts/serviceUserRules";

/** Where Home Assistant lives on a host, as data. */
export const HA_PATHS = {
  /** The service user the container runs as (created by the accounts concern). */
  user: HA_SERVICE_USER,
  /** Mounted at containerConfigDir in the container: owned by the user, 0750. */
  configDir: `${HOST_PATHS.homeassistantHome}/config`,
  /** Where the container sees the config directory. */
  containerConfigDir: "/config",
  /** The container's and the user unit's name. */
  unit: "homeassistant",
  /** Quadlet's root-owned per-user directory; the user's UID is appended on the host. */
  quadletUsersDir: "/etc/containers/systemd/users",
  /** A plain user unit where the OS's Podman has no Quadlet (root-owned, inside the user's home). */
  userUnitDir: `${HOST_PATHS.homeassistantHome}/.config/systemd/user`,
  /** Inside the config dir: the package directory the managed block includes. */
  packagesDir: "ha-hardened-host",
  /** Inside packagesDir: present only until the owner exists (binds Home Assistant to the host itself). */
  firstStartPackage: "first_start.yaml",
  /** Inside packagesDir: the http settings, for a release before 2026.8 (it reads them from YAML at every start). */
  httpPackage: "http.yaml",
  /** Inside packagesDir: present while a restart that the http package needs has not been confirmed. */
  restartPending: ".restart-pending",
  /** The runtime nftables table that drops the port from outside until the owner exists (never persisted). */
  claimGateTable: "ha_hardened_host_claim",
  /** Inside the config dir: Home Assistant's onboarding record ("user" in done once the owner exists). */
  onboardingStore: ".storage/onboarding",
  /** Inside the config dir: Home Assistant's http settings store (stable and pending), since 2026.8. */
  httpStore: ".storage/http",
} as const;

/** What the config directory's .gitignore names: secrets, bans, and the stores that hold credentials. */
export const HA_GITIGNORE = ["secrets.yaml", "ip_bans.yaml", ".storage", ".cloud"] as const;
