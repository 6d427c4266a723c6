import { isIP } from "net";
import { z } from "zod";
import { cidrProblem, isHostAddress } from "../../core/network";
import type { ConfigDefault } from "../../core/defaults";
import { isOpaqueSecret } from "../../core/opaqueSecret";
import { doc, port, show } from "../../core/schemaFields";
import { isWireguardKey } from "./wireguardKeys";

export const VPN_PORT: ConfigDefault<number> = {
  value: 51820,
  reason: "WireGuard's own port, what every client app suggests; moving it hides nothing (WireGuard answers no unauthenticated packet).",
};
export const VPN_SUBNET4: ConfigDefault<string> = {
  value: "10.77.0.0/24",
  reason: "A private /24 away from the 192.168.x.0/24 most home LANs use and from carriers' 100.64.0.0/10; change it if your LAN uses it.",
};
export const VPN_SUBNET6: ConfigDefault<string> = {
  value: "fdb4:e7f2:3c19:77::/64",
  reason: "A unique-local /64 (RFC 4193): peers get IPv6 inside the tunnel even when the host has no IPv6, so a full tunnel carries ::/0 and no IPv6 leaks around it.",
};
export const VPN_FORWARD_TO_LAN: ConfigDefault<boolean> = {
  value: false,
  reason: "Remote access to the UI needs only the host itself; reaching other LAN devices needs ip_forward=1, a deliberate exception.",
};
export const VPN_DNS: ConfigDefault<string[]> = {
  value: [],
  reason: "A split tunnel leaves the phone its own resolver; set the LAN's resolver to reach local names through the tunnel.",
};
export const VPN_KEEPALIVE: ConfigDefault<number> = {
  value: 25,
  reason: "Phones sit behind NAT and carrier-grade NAT; a packet every 25 s keeps the mapping open (WireGuard's own suggestion).",
};
export const VPN_PEERS: ConfigDefault<unknown[]> = {
  value: [],
  reason: "Add each phone or laptop with `npm run vpn -- add-peer NAME`.",
};
export const VPN_FULL_TUNNEL: ConfigDefault<boolean> = {
  value: false,
  reason: "Split tunnel: only traffic for the host (and the LAN, when forwarded) enters the tunnel, which keeps the QR code short and the phone's internet its own.",
};

/** Peer names: like host names, they end up in comments, config keys and file names. */
export const PEER_NAME = /^[a-z][a-z0-9-]{0,30}$/;
/** Host numbers peers may take in both subnets: .1 / ::1 is the host. */
export const PEER_ID_RANGE = { min: 2, max: 254 } as const;

const KEY_TEXT = "must be a WireGuard key (44 characters of base64, as `wg genkey` prints)";

/** A WireGuard private or preshared key kept as a secret (opaque offline: its content is not checkable there). */
const secretKey = (how: string) =>
  z.string({ error: `${KEY_TEXT}, set with ${how}` }).superRefine((value, ctx) => {
    if (isOpaqueSecret(value)) return;
    if (!isWireguardKey(value)) ctx.addIssue({ code: "custom", message: `${KEY_TEXT}, set with ${how}` });
  });

const publicKey = z.string({ error: KEY_TEXT }).superRefine((value, ctx) => {
  if (isOpaqueSecret(value)) return;
  if (!isWireguardKey(value)) ctx.addIssue({ code: "custom", message: KEY_TEXT });
});

const cidr = (family: 4 | 6, prefixes: { min: number; max: number }) =>
  z.string({ error: "must be a network in CIDR notation" }).superRefine((v, ctx) => {
    const p = cidrProblem(v);
    if (p) return void ctx.addIssue({ code: "custom", message: p });
    const [addr, len] = v.split("/");
    if (isIP(addr) !== family) return void ctx.addIssue({ code: "custom", message: `must be an IPv${family} network, not ${show(v)}` });
    if (Number(len) < prefixes.min || Number(len) > prefixes.max) {
      ctx.addIssue({ code: "custom", message: `must have a prefix length of /${prefixes.min}-/${prefixes.max}, not /${len}` });
    }
  });

/** `host:port` as phones reach it; an IPv6 literal in brackets. */
const ENDPOINT = /^(\[([0-9A-Fa-f:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/;

export const peerSchema = z.strictObject({
  name: doc(z.string({ error: "must be a peer name (text)" }).regex(PEER_NAME, { error: (iss) => `must be 1-31 lowercase letters, digits and hyphens starting with a letter, not ${show(iss.input)}` }), {
    description: "The device's name (a phone, a laptop); `npm run vpn -- config NAME` prints its client config.",
    example: "phone",
  }),
  id: doc(
    z.number({ error: (iss) => `must be a whole number ${PEER_ID_RANGE.min}-${PEER_ID_RANGE.max}, not ${show(iss.input)}` }).int({ error: (iss) => `must be a whole number, not ${show(iss.input)}` })
      .min(PEER_ID_RANGE.min, { error: (iss) => `must be ${PEER_ID_RANGE.min} or more (1 is the host), not ${show(iss.input)}` })
      .max(PEER_ID_RANGE.max, { error: (iss) => `must be ${PEER_ID_RANGE.max} or less, not ${show(iss.input)}` }),
    { description: "The device's host number in both VPN subnets (2 gives 10.77.0.2/32 and ::2/128); stays with the device when others are removed.", example: "2" },
  ),
  publicKey: doc(publicKey, { description: "The device's WireGuard public key; a device that brings its own key gives only this, so its private key never exists on the host or in state." }),
  privateKey: doc(secretKey("`npm run vpn -- add-peer`").optional(), {
    description: "The device's private key when the project generated it (`npm run vpn -- add-peer NAME`); it appears only in the device's client config, never on the host.",
    secret: true,
  }),
  presharedKey: doc(secretKey("`npm run vpn -- add-peer` or `pulumi config set --secret --path`"), {
    description: "The pair's preshared key (`wg genpsk`): a second, post-quantum layer over the key exchange.",
    secret: true,
  }),
  fullTunnel: doc(z.boolean({ error: "must be true or false" }).default(VPN_FULL_TUNNEL.value), {
    description: "true: the device sends everything through the tunnel (AllowedIPs `0.0.0.0/0, ::/0`; IPv6 always included, so it cannot leak around the tunnel).",
    defaultReason: VPN_FULL_TUNNEL.reason,
  }),
});

export const vpnSchema = z.strictObject({
  endpoint: doc(
    z.string({ error: "must be host:port as devices reach the host" }).superRefine((v, ctx) => {
      const m = ENDPOINT.exec(v);
      const host = m ? (m[2] ?? m[3]) : undefined;
      const portNumber = m ? Number(m[4]) : 0;
      if (!m || (m[2] !== undefined ? isIP(m[2]) !== 6 : !isHostAddress(host!)) || portNumber < 1 || portNumber > 65535) {
        ctx.addIssue({ code: "custom", message: `must be host:port as devices reach the host (an IPv6 literal in brackets), e.g. home.example.org:51820, not ${show(v)}` });
      }
    }),
    { description: "Where devices reach the VPN from outside: your public name or address and the forwarded UDP port.", example: "home.example.org:51820" },
  ),
  port: doc(port("vpn.port").default(VPN_PORT.value), { description: "UDP port wg0 listens on.", defaultReason: VPN_PORT.reason }),
  subnet4: doc(cidr(4, { min: 16, max: 24 }).default(VPN_SUBNET4.value), {
    description: "IPv4 network of the tunnel: the host is .1, each device .<id>/32.",
    defaultReason: VPN_SUBNET4.reason,
  }),
  subnet6: doc(cidr(6, { min: 64, max: 64 }).default(VPN_SUBNET6.value), {
    description: "IPv6 network of the tunnel (a /64): the host is ::1, each device ::<id>/128.",
    defaultReason: VPN_SUBNET6.reason,
  }),
  forwardToLan: doc(z.boolean({ error: "must be true or false" }).default(VPN_FORWARD_TO_LAN.value), {
    description: "true: devices may reach lanCidrs through the host (split-tunnel AllowedIPs gain lanCidrs; ip_forward=1 in the VPN's own sysctl drop-in; the firewall allows one narrow forward).",
    defaultReason: VPN_FORWARD_TO_LAN.reason,
  }),
  dns: doc(
    z.array(z.string({ error: "must be an IP address" }).refine((v) => isIP(v) !== 0, { error: (iss) => `must be an IPv4 or IPv6 address, not ${show(iss.input)}` }), { error: "must be a list of IP addresses" })
      .default(VPN_DNS.value),
    { description: "Resolvers devices use while the tunnel is up (the client config's DNS line).", defaultReason: VPN_DNS.reason, defaultShown: "[]" },
  ),
  persistentKeepalive: doc(
    z.number({ error: (iss) => `must be 0-65535 seconds, not ${show(iss.input)}` }).int().min(0).max(65535).default(VPN_KEEPALIVE.value),
    { description: "Seconds between keepalives the devices send (0: none).", defaultReason: VPN_KEEPALIVE.reason },
  ),
  serverPrivateKey: doc(secretKey("`npm run vpn -- add-peer` (generated once) or `pulumi config set --secret --path`"), {
    description: "The host's WireGuard private key, kept in config so a rebuilt host keeps its VPN identity and every device keeps working.",
    secret: true,
  }),
  peers: doc(z.array(peerSchema, { error: "must be a list of peers" }).default([]), {
    description: "The devices allowed in, each a /32 and a /128 inside the subnets.",
    defaultReason: VPN_PEERS.reason,
    defaultShown: "[]",
  }),
});

/** The vpn concern's slice of a host entry: absent, the host runs no VPN. */
export const hostFields = {
  vpn: doc(vpnSchema.optional(), {
    description: "WireGuard remote access (wg0 through wg-quick): the checklist's VPN for reaching the UI from outside.",
    defaultShown: "none (no VPN)",
  }),
};

export type VpnConfig = z.output<typeof vpnSchema>;
export type VpnPeer = z.output<typeof peerSchema>;
