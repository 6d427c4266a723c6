import type { OsId } from "../../core/osTable";
import { aptConfValues } from "./aptConfValues";
import { DISTRIBUTION_ORIGINS } from "./distributionOrigins";
import { osOfAptConf } from "./osOfAptConf";
import { parseAptConf } from "./parseAptConf";

const ORIGIN_LISTS = ["Unattended-Upgrade::Origins-Pattern", "Unattended-Upgrade::Allowed-Origins"] as const;

/**
 * The origins an apt configuration text lets unattended-upgrades install from beyond the distribution's own
 * (the OS the text names; without one, any supported OS's) and beyond `allowed`, one message each.
 */
export function findExtraOrigins(text: string, o: { subject: string; allowed: readonly string[] }): string[] {
  let values;
  try {
    values = aptConfValues(parseAptConf(text));
  } catch {
    return []; // unreadable text is refused by automatic-security-updates-on
  }
  const os: OsId | undefined = osOfAptConf(text);
  const distribution = new Set(os ? DISTRIBUTION_ORIGINS[os] : Object.values(DISTRIBUTION_ORIGINS).flat());
  const out: string[] = [];
  for (const list of ORIGIN_LISTS) {
    for (const origin of values.lists.get(list.toLowerCase()) ?? []) {
      if (!distribution.has(origin) && !o.allowed.includes(origin)) {
        out.push(`${o.subject} must not allow "${origin}" in ${list}, an origin beyond the distribution's, unless allowedExtraOrigins lists it.`);
      }
    }
  }
  return out;
}
