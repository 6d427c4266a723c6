import { isPrivateCidr, parseCidr } from "../../core/cidr";

/** The host facts the firewall's zones rest on. */
export interface FirewallZoneFacts {
  lanCidrs: readonly string[];
  firewall: { adminCidrs: readonly string[]; acknowledgePublicLan: boolean };
}

/**
 * What makes the LAN zone unsafe or the firewall a lockout, each with the key it concerns: a LAN that covers
 * the internet, a public LAN range without the acknowledgement, no network SSH may come from.
 */
export function firewallHostProblems(host: FirewallZoneFacts): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  host.lanCidrs.forEach((text, i) => {
    const c = parseCidr(text);
    if (!c) return; // the field's own check names it
    if (c.prefix === 0) out.push({ path: ["lanCidrs", i], message: `must not cover the whole internet, not ${text}` });
    else if (!isPrivateCidr(c) && !host.firewall.acknowledgePublicLan) {
      out.push({ path: ["lanCidrs", i], message: `must be a private range, not the publicly routed ${text} (set firewall.acknowledgePublicLan: true if you own it)` });
    }
  });
  if (host.lanCidrs.length === 0 && host.firewall.adminCidrs.length === 0) {
    out.push({ path: ["lanCidrs"], message: "must list the home LAN (or firewall.adminCidrs the admin's network), else the firewall lets SSH in from nowhere" });
  }
  return out;
}
