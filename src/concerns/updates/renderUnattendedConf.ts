import type { OsId } from "../../core/osTable";
import { DISTRIBUTION_ORIGINS } from "./distributionOrigins";
import { OS_MARKER } from "./osOfAptConf";
import { UNATTENDED_SETTINGS } from "./unattendedSettings";

/** The part of a host's config this file depends on. */
export interface UpdatesHost {
  os: OsId;
  updates: { reboot: { automatic: boolean; time: string }; mailTo?: string; extraOrigins: string[] };
}

const quote = (v: string): string => `"${v}"`;

/**
 * The project's apt configuration file for unattended-upgrades: the periodic runs, the origins (the distribution's,
 * then the configured extras; the package's own lists are cleared first, so this list is the whole list), the
 * reboot and the report. Sorted after the package's files, so its values win.
 */
export function renderUnattendedConf(host: UpdatesHost): string {
  const u = host.updates;
  const origins = [...new Set([...DISTRIBUTION_ORIGINS[host.os], ...u.extraOrigins])];
  const settings: [string, string][] = [
    ...UNATTENDED_SETTINGS.map((s): [string, string] => [s.key, s.value]),
    ["Unattended-Upgrade::Automatic-Reboot", u.reboot.automatic ? "true" : "false"],
    ["Unattended-Upgrade::Automatic-Reboot-Time", u.reboot.time],
    ...(u.mailTo ? ([["Unattended-Upgrade::Mail", u.mailTo], ["Unattended-Upgrade::MailReport", "on-change"]] as [string, string][]) : []),
  ];
  return [
    "// ha-hardened-host: automatic security updates; managed file, local changes are overwritten.",
    `${OS_MARKER}${host.os}`,
    ...settings.map(([k, v]) => `${k} ${quote(v)};`),
    "#clear Unattended-Upgrade::Allowed-Origins;",
    "#clear Unattended-Upgrade::Origins-Pattern;",
    "Unattended-Upgrade::Origins-Pattern {",
    ...origins.map((o) => `  ${quote(o)};`),
    "};",
    "",
  ].join("\n");
}
