import { aptConfValues } from "./aptConfValues";
import { DISTRIBUTION_ORIGINS } from "./distributionOrigins";
import { osOfAptConf } from "./osOfAptConf";
import { parseAptConf } from "./parseAptConf";

/** The periodic switches that must stay on: without them no update is ever fetched or installed. */
const PERIODIC_KEYS = ["APT::Periodic::Update-Package-Lists", "APT::Periodic::Unattended-Upgrade"] as const;

/** A periodic interval that turns the job off ("0", "0d", "", "false", "no"). */
function isOff(value: string): boolean {
  return /^(0+[smhd]?|false|no|)$/i.test(value.trim());
}

/**
 * What is wrong with an apt configuration text a step puts on the host, for automatic security updates.
 * `complete`: the text is the project's unattended-upgrades file, which must switch the periodic runs on and
 * allow every security origin of the OS it names; any other apt configuration file must not switch them off.
 */
export function evaluateAutomaticUpdates(text: string, o: { subject: string; complete: boolean }): string[] {
  let values;
  try {
    values = aptConfValues(parseAptConf(text));
  } catch (e) {
    return [`${o.subject} must be apt configuration the pack can read, not text that fails at ${(e as Error).message}.`];
  }
  const problems: string[] = [];
  if (values.scalars.has("apt::periodic::enable") && isOff(values.scalars.get("apt::periodic::enable")!)) {
    problems.push(`${o.subject} must not set APT::Periodic::Enable to "${values.scalars.get("apt::periodic::enable")}", which stops every periodic apt job.`);
  }
  for (const key of PERIODIC_KEYS) {
    const v = values.scalars.get(key.toLowerCase());
    if (v !== undefined && isOff(v)) problems.push(`${o.subject} must not set ${key} to "${v}", which turns automatic updates off.`);
    else if (v === undefined && o.complete) problems.push(`${o.subject} must set ${key} to "1", but sets nothing.`);
  }
  if (!o.complete) return problems;
  const os = osOfAptConf(text);
  if (!os) return [...problems, `${o.subject} must name the OS it is written for, so its security origin can be checked, but names none.`];
  const allowed = values.lists.get("unattended-upgrade::origins-pattern") ?? [];
  for (const origin of DISTRIBUTION_ORIGINS[os]) {
    if (!allowed.includes(origin)) problems.push(`${o.subject} must allow ${os}'s security origin "${origin}" in Unattended-Upgrade::Origins-Pattern, but allows ${allowed.length ? allowed.map((a) => `"${a}"`).join(", ") : "none"}.`);
  }
  return problems;
}
