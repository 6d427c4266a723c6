import { z } from "zod";
import { accessFields } from "../concerns/access/config";
import { accountFields } from "../concerns/accounts/config";
import { firewallFields } from "../concerns/firewall/config";
import { firewallHostProblems } from "../concerns/firewall/firewallHostProblems";
import { homeAssistantFields } from "../concerns/homeassistant/config";
import { lockdownFields } from "../concerns/lockdown/config";
import { sshFields } from "../concerns/ssh/config";
import { vpnFields } from "../concerns/vpn/config";
import { updatesFields } from "../concerns/updates/config";
import { HOST_DEFAULTS } from "../core/defaults";
import { OS_IDS } from "../core/osTable";
import { doc, HOST_NAME, show } from "../core/schemaFields";
import { cidrProblem, isHostAddress } from "./network";

/**
 * The stack config schema: the host-level fields here, each concern's slice from its own folder (in the order
 * the generated reference lists them).
 */
export const hostSchema = z.strictObject({
  name: doc(
    z.string({ error: "must be a host name (text)" }).regex(HOST_NAME, {
      error: (iss) => `must be 1-31 lowercase letters, digits and hyphens starting with a letter, not ${show(iss.input)}`,
    }),
    { description: "Short name of the host; used in resource names (`<name>-<step>`).", example: "ha-pi" },
  ),
  address: doc(
    z.string({ error: "must be an IPv4/IPv6 address or DNS name" }).refine(isHostAddress, {
      error: (iss) => `must be an IPv4/IPv6 address or a DNS name, not ${show(iss.input)}`,
    }),
    { description: "Where the host is reached: an IPv4/IPv6 literal or a DNS name.", example: "192.168.1.20" },
  ),
  sshPort: sshFields.sshPort,
  os: doc(
    z.enum(OS_IDS, { error: (iss) => `must be one of ${OS_IDS.join(", ")}, not ${show(iss.input)}` }).default(HOST_DEFAULTS.os.value as (typeof OS_IDS)[number]),
    { description: "Operating system (per-OS table: ssh service, nologin path, sudo group).", defaultReason: HOST_DEFAULTS.os.reason },
  ),
  generation: doc(
    z.number({ error: (iss) => `must be a whole number >= 1, not ${show(iss.input)}` }).int({ error: (iss) => `must be a whole number >= 1, not ${show(iss.input)}` })
      .min(1, { error: (iss) => `must be a whole number >= 1, not ${show(iss.input)}` }).default(HOST_DEFAULTS.generation.value),
    { description: "Bump to replay every step (e.g. after moving the host to new hardware).", defaultReason: HOST_DEFAULTS.generation.reason },
  ),
  bootstrap: accessFields.bootstrap,
  admin: accountFields.admin,
  automationKey: accessFields.automationKey,
  automationPublicKey: accessFields.automationPublicKey,
  hostKeys: accessFields.hostKeys,
  lanCidrs: doc(
    z.array(
      z.string({ error: "must be a network in CIDR notation" }).superRefine((v, ctx) => {
        const p = cidrProblem(v);
        if (p) ctx.addIssue({ code: "custom", message: p });
      }),
      { error: "must be a list of networks in CIDR notation" },
    ).default(HOST_DEFAULTS.lanCidrs.value),
    { description: "Networks of the home LAN, e.g. 192.168.1.0/24.", defaultReason: HOST_DEFAULTS.lanCidrs.reason },
  ),
  sshd: sshFields.sshd,
  firewall: firewallFields.firewall,
  lockdown: lockdownFields.lockdown,
  vpn: vpnFields.vpn,
  updates: updatesFields.updates,
  homeAssistant: homeAssistantFields.homeAssistant,
}).superRefine((host, ctx) => {
  for (const p of firewallHostProblems(host)) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
});

export const stackConfigSchema = z.strictObject({
  hosts: doc(z.array(hostSchema, { error: "must be a list of hosts" }).min(1, { error: "must list at least one host" }), {
    description: "The hosts to harden, one entry per host.",
  }),
});

export type HostConfig = z.output<typeof hostSchema>;
export type StackConfigValues = z.output<typeof stackConfigSchema>;
