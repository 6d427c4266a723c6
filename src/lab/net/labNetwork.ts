import * as fs from "fs";
import { runCommand } from "../host/runCommand";
import { LAB_BLOCK, LAB_BLOCK6, LabNetworkPlan } from "./labNetworkPlan";
import { MIRROR_ADDRESS } from "./repoServer";

async function ip(...args: string[]): Promise<void> {
  await runCommand("ip", args, { timeoutMs: 15_000 });
}

async function sysctl(ns: string, key: string, value: string): Promise<void> {
  await runCommand("ip", ["netns", "exec", ns, "sysctl", "-q", "-w", `${key}=${value}`], { timeoutMs: 15_000 });
}

/** Creates the lab's namespaces, links, addresses and routes (see labNetworkPlan for the diagram). */
export async function createLabNetwork(plan: LabNetworkPlan): Promise<void> {
  const { host, lan, wan, router } = plan.netns;
  for (const ns of [router, host, lan, wan]) {
    await ip("netns", "add", ns);
    await ip("-n", ns, "link", "set", "lo", "up");
  }
  await sysctl(router, "net.ipv4.ip_forward", "1");
  await sysctl(router, "net.ipv6.conf.all.forwarding", "1");
  await ip("-n", router, "addr", "add", `${MIRROR_ADDRESS}/32`, "dev", "lo");

  // LAN: a bridge in the router joins the host and the LAN client.
  await ip("-n", router, "link", "add", "br-lan", "type", "bridge");
  await ip("-n", router, "addr", "add", `${plan.lanGateway}/24`, "dev", "br-lan");
  // nodad: an address of the plan is unique by construction, and usable at once.
  await ip("-n", router, "addr", "add", `${plan.lanGateway6}/64`, "dev", "br-lan", "nodad");
  await ip("-n", router, "link", "set", "br-lan", "up");
  for (const [port, ns, addr, addr6] of [
    ["hostlan", host, plan.hostAddress, plan.hostAddress6],
    ["clilan", lan, plan.lanClientAddress, plan.lanClientAddress6],
  ] as const) {
    await ip("link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", port, "netns", router);
    await ip("-n", router, "link", "set", port, "master", "br-lan");
    await ip("-n", router, "link", "set", port, "up");
    await ip("-n", ns, "addr", "add", `${addr}/24`, "dev", "eth0");
    await ip("-n", ns, "addr", "add", `${addr6}/64`, "dev", "eth0", "nodad");
    await ip("-n", ns, "link", "set", "eth0", "up");
    await ip("-n", ns, "route", "add", LAB_BLOCK, "via", plan.lanGateway);
    await ip("-n", ns, "-6", "route", "add", LAB_BLOCK6, "via", plan.lanGateway6);
  }

  // WAN: the "internet" side of the router.
  await ip("link", "add", "eth0", "netns", wan, "type", "veth", "peer", "name", "wan", "netns", router);
  await ip("-n", router, "addr", "add", `${plan.wanGateway}/25`, "dev", "wan");
  await ip("-n", router, "addr", "add", `${plan.wanGateway6}/64`, "dev", "wan", "nodad");
  await ip("-n", router, "link", "set", "wan", "up");
  await ip("-n", wan, "addr", "add", `${plan.wanClientAddress}/25`, "dev", "eth0");
  await ip("-n", wan, "addr", "add", `${plan.wanClientAddress6}/64`, "dev", "eth0", "nodad");
  await ip("-n", wan, "link", "set", "eth0", "up");
  await ip("-n", wan, "route", "add", LAB_BLOCK, "via", plan.wanGateway);
  await ip("-n", wan, "-6", "route", "add", LAB_BLOCK6, "via", plan.wanGateway6);

  // Controller: the root namespace gets one veth and two specific routes, never a default route.
  await ip("link", "add", plan.controllerLink, "type", "veth", "peer", "name", "ctl", "netns", router);
  await ip("addr", "add", `${plan.controllerAddress}/30`, "dev", plan.controllerLink);
  await ip("link", "set", plan.controllerLink, "up");
  await ip("-n", router, "addr", "add", `${plan.routerControllerAddress}/30`, "dev", "ctl");
  await ip("-n", router, "link", "set", "ctl", "up");
  await ip("route", "add", plan.lanCidr, "via", plan.routerControllerAddress, "dev", plan.controllerLink);
  await ip("route", "add", plan.wanCidr, "via", plan.routerControllerAddress, "dev", plan.controllerLink);
}

/** Removes what createLabNetwork made; absent pieces are fine (idempotent). */
export async function destroyLabNetwork(plan: LabNetworkPlan): Promise<void> {
  await runCommand("ip", ["link", "del", plan.controllerLink], { allowFailure: true, timeoutMs: 15_000 });
  for (const ns of Object.values(plan.netns)) {
    if (fs.existsSync(`/run/netns/${ns}`)) await ip("netns", "del", ns);
  }
}

/** Names of this plan's namespaces/links that still exist (empty after a clean destroy). */
export async function labNetworkLeftovers(plan: LabNetworkPlan): Promise<string[]> {
  const left = Object.values(plan.netns).filter((ns) => fs.existsSync(`/run/netns/${ns}`));
  if (fs.existsSync(`/sys/class/net/${plan.controllerLink}`)) left.push(plan.controllerLink);
  return left;
}
