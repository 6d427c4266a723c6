import { z } from "zod";
import type { ConfigDefault } from "../../core/defaults";
import { doc, port, show } from "../../core/schemaFields";
import { parseCidr } from "../../core/cidr";

export const ADMIN_CIDRS: ConfigDefault<string[]> = {
  value: [],
  reason: "A controller on the LAN needs none; only an admin elsewhere (a VPS) lists their own address.",
};
export const ACKNOWLEDGE_PUBLIC_LAN: ConfigDefault<boolean> = {
  value: false,
  reason: "A LAN is private address space; a public range there opens the LAN-only ports to whoever holds it.",
};
export const SERVICES = {
  mqtt: { value: false, reason: "Mosquitto (MQTT, tcp 1883) runs only where a broker is installed." },
  mqttTls: { value: false, reason: "MQTT over TLS (tcp 8883) runs only where a broker is installed with a certificate." },
  samba: { value: false, reason: "Samba shares (tcp 139, 445) are an add-on, not part of a host." },
  mdns: { value: false, reason: "mDNS (udp 5353) is needed only for discovery and HomeKit." },
  homekit: { value: false, reason: "The HomeKit Bridge (tcp 21063) is an integration a user turns on." },
} satisfies Record<string, ConfigDefault<boolean>>;
export const LAN_SERVICES: ConfigDefault<{ name: string; protocol: "tcp" | "udp"; port: number }[]> = {
  value: [],
  reason: "Every open port is named on purpose; none beyond the known services is open by default.",
};
/** The narrowest prefix that is still an admin's own network, per family. */
export const ADMIN_MAX_WIDTH = { 4: 16, 6: 48 } as const;

export type ServiceName = keyof typeof SERVICES;
/** The ports each optional service opens, LAN-only. */
export const SERVICE_PORTS: Record<ServiceName, { protocol: "tcp" | "udp"; port: number }[]> = {
  mqtt: [{ protocol: "tcp", port: 1883 }],
  mqttTls: [{ protocol: "tcp", port: 8883 }],
  samba: [{ protocol: "tcp", port: 139 }, { protocol: "tcp", port: 445 }],
  mdns: [{ protocol: "udp", port: 5353 }],
  homekit: [{ protocol: "tcp", port: 21063 }],
};

const adminCidr = z.string({ error: "must be a network in CIDR notation" }).superRefine((v, ctx) => {
  const c = parseCidr(v);
  if (!c || !v.includes("/")) return ctx.addIssue({ code: "custom", message: `must be a network in CIDR notation such as 203.0.113.7/32, not ${show(v)}` });
  const widest = ADMIN_MAX_WIDTH[c.family];
  if (c.prefix < widest) ctx.addIssue({ code: "custom", message: `must be the admin's own network, /${widest} or narrower, not ${v}` });
});

const serviceFlag = (name: ServiceName, what: string) =>
  doc(z.boolean({ error: (iss) => `must be true or false, not ${show(iss.input)}` }).default(SERVICES[name].value), {
    description: `true opens ${what} from the LAN only.`,
    defaultReason: SERVICES[name].reason,
  });

const lanService = z.strictObject({
  name: doc(z.string({ error: "must be a short name" }).regex(/^[a-z][a-z0-9-]{0,30}$/, { error: (iss) => `must be 1-31 lowercase letters, digits and hyphens, not ${show(iss.input)}` }), {
    description: "Short name, shown in the rule's comment.",
    example: "zigbee2mqtt",
  }),
  protocol: doc(z.enum(["tcp", "udp"], { error: (iss) => `must be tcp or udp, not ${show(iss.input)}` }), { description: "tcp or udp." }),
  port: doc(port("a LAN service"), { description: "The port, open from the LAN only." }),
});

/** The firewall concern's slice of a host entry. */
export const hostFields = {
  firewall: doc(
    z.strictObject({
      adminCidrs: doc(z.array(adminCidr, { error: "must be a list of networks in CIDR notation" }).default(ADMIN_CIDRS.value), {
        description: "Networks outside the LAN from which SSH (only SSH) is allowed, e.g. the admin's own address for a VPS; each /16 (IPv4) or /48 (IPv6) or narrower.",
        defaultReason: ADMIN_CIDRS.reason,
        defaultShown: "[]",
      }),
      acknowledgePublicLan: doc(z.boolean({ error: (iss) => `must be true or false, not ${show(iss.input)}` }).default(ACKNOWLEDGE_PUBLIC_LAN.value), {
        description: "true accepts a publicly routed range in lanCidrs (a network you own); 0.0.0.0/0 and ::/0 are refused regardless.",
        defaultReason: ACKNOWLEDGE_PUBLIC_LAN.reason,
      }),
      services: doc(
        z.strictObject({
          mqtt: serviceFlag("mqtt", "MQTT (tcp 1883)"),
          mqttTls: serviceFlag("mqttTls", "MQTT over TLS (tcp 8883)"),
          samba: serviceFlag("samba", "Samba (tcp 139 and 445)"),
          mdns: serviceFlag("mdns", "mDNS (udp 5353)"),
          homekit: serviceFlag("homekit", "the HomeKit Bridge (tcp 21063)"),
        }).prefault({}),
        { description: "Optional services, each LAN-only.", defaultReason: "Every service is off until named; each key's default and reason is its own row." },
      ),
      lanServices: doc(z.array(lanService, { error: "must be a list of {name, protocol, port}" }).default(LAN_SERVICES.value), {
        description: "Further ports open from the LAN only, each as {name, protocol: tcp|udp, port}.",
        defaultReason: LAN_SERVICES.reason,
        defaultShown: "[]",
      }),
    }).prefault({}),
    { description: "The host firewall (nftables, default deny).", defaultReason: "The firewall is always on; each key's default and reason is its own row." },
  ),
};

/** Problems that span this slice and the host's other fields, reported against the host entry. */
export { firewallHostProblems as hostProblems } from "./firewallHostProblems";
