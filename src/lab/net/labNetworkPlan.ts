/**
 * Names and addresses of one lab's network. Slot s (1..250) keeps two labs apart in the controller's routing table.
 *
 *   controller (root netns)            router netns (ip_forward=1, no default route, no NAT)
 *   hhl-<name> 198.19.s.129/30 ──────── ctl 198.19.s.130/30
 *                                       lo  198.18.0.1/32  (apt mirror, HTTP :80)
 *                                       br-lan 198.18.s.1/24 ─┬─ hostlan ── eth0 198.18.s.2  host netns (nspawn guest)
 *                                                             └─ clilan ─── eth0 198.18.s.3  LAN client netns
 *                                       wan 198.19.s.1/25 ──────────────── eth0 198.19.s.2  WAN client netns
 *
 * IPv6 beside it, in the benchmarking block 2001:2::/48 (x = s, y = 256 + s, in hex): br-lan 2001:2:0:x::1/64, the
 * host ::2, the LAN client ::3; wan 2001:2:0:y::1/64, the WAN client ::2. The controller stays IPv4 only.
 * Every namespace routes only 198.18.0.0/15 and 2001:2::/48 (via the router); nothing has a default route or
 * reaches outside.
 * The router forwards LAN <-> WAN unfiltered: the worst-case home router (host in a DMZ / all ports forwarded),
 * so "reachable from the internet" is decided by the host's own firewall alone.
 */
export interface LabNetworkPlan {
  slot: number;
  netns: { host: string; lan: string; wan: string; router: string };
  controllerLink: string;
  controllerAddress: string;
  routerControllerAddress: string;
  hostAddress: string;
  lanClientAddress: string;
  wanClientAddress: string;
  lanGateway: string;
  wanGateway: string;
  lanCidr: string;
  wanCidr: string;
  transitCidr: string;
  hostAddress6: string;
  lanClientAddress6: string;
  wanClientAddress6: string;
  lanGateway6: string;
  wanGateway6: string;
  lanCidr6: string;
  wanCidr6: string;
}

/** All lab addresses live in the RFC 2544 benchmarking block. */
export const LAB_BLOCK = "198.18.0.0/15";
/** And the IPv6 ones in the IPv6 benchmarking block (RFC 5180). */
export const LAB_BLOCK6 = "2001:2::/48";
export const MAX_SLOT = 250;

export function labNetworkPlan(name: string, slot: number): LabNetworkPlan {
  if (!Number.isInteger(slot) || slot < 1 || slot > MAX_SLOT) throw new Error(`lab slot must be 1..${MAX_SLOT}, got ${slot}`);
  const p = `hhl-${name}`;
  const x = slot.toString(16);
  const y = (0x100 + slot).toString(16);
  return {
    slot,
    netns: { host: `${p}-host`, lan: `${p}-lan`, wan: `${p}-wan`, router: `${p}-rtr` },
    controllerLink: p,
    controllerAddress: `198.19.${slot}.129`,
    routerControllerAddress: `198.19.${slot}.130`,
    hostAddress: `198.18.${slot}.2`,
    lanClientAddress: `198.18.${slot}.3`,
    wanClientAddress: `198.19.${slot}.2`,
    lanGateway: `198.18.${slot}.1`,
    wanGateway: `198.19.${slot}.1`,
    lanCidr: `198.18.${slot}.0/24`,
    wanCidr: `198.19.${slot}.0/25`,
    transitCidr: `198.19.${slot}.128/30`,
    hostAddress6: `2001:2:0:${x}::2`,
    lanClientAddress6: `2001:2:0:${x}::3`,
    wanClientAddress6: `2001:2:0:${y}::2`,
    lanGateway6: `2001:2:0:${x}::1`,
    wanGateway6: `2001:2:0:${y}::1`,
    lanCidr6: `2001:2:0:${x}::/64`,
    wanCidr6: `2001:2:0:${y}::/64`,
  };
}
