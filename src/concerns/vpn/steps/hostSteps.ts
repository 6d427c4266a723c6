import * as pulumi from "@pulumi/pulumi";
import type { HostConfig } from "../../../config/schema";
import type { HostSteps } from "../../../core/hostSteps";
import { renderForwardingSysctl } from "../renderForwardingSysctl";
import { renderServerConfig } from "../renderServerConfig";
import { VPN_PATHS } from "../vpnPaths";
import { APPLY_WIREGUARD_CONFIG_SCRIPT } from "./applyWireguardConfigScript";
import { INSTALL_WIREGUARD_SCRIPT } from "./installWireguardScript";
import { VPN_FORWARDING_SCRIPT } from "./vpnForwardingScript";

/**
 * WireGuard over the admin login, once access is proven: the tools, forwarding only when devices may reach the
 * LAN, then wg0.conf from secret config on stdin (the host keeps its VPN identity across a rebuild), applied
 * with `wg syncconf` so a peer change never drops a tunnel.
 */
export const hostSteps: HostSteps<HostConfig> = {
  adminOnly(ctx, after) {
    const vpn = ctx.host.vpn;
    if (!vpn) return;
    const packages = ctx.run({
      step: "vpn-packages",
      manifest: { kind: "script", host: ctx.name, purpose: "install wireguard-tools, and wireguard-go where the kernel has no WireGuard module" },
      script: INSTALL_WIREGUARD_SCRIPT,
      dependsOn: after,
    });
    const forwarding = ctx.run({
      step: "vpn-forwarding",
      manifest: {
        kind: "script",
        host: ctx.name,
        purpose: vpn.forwardToLan ? `let VPN devices reach the LAN: forwarding on in ${VPN_PATHS.forwardingSysctl}` : `no forwarding for the VPN: ${VPN_PATHS.forwardingSysctl} absent`,
      },
      script: VPN_FORWARDING_SCRIPT,
      args: [VPN_PATHS.forwardingSysctl, vpn.forwardToLan ? "on" : "off"],
      stdin: vpn.forwardToLan ? renderForwardingSysctl(ctx.host.lanCidrs) : "",
      dependsOn: after,
    });
    ctx.run({
      step: "vpn-config",
      manifest: { kind: "wireguard-config", host: ctx.name, path: VPN_PATHS.config, interface: VPN_PATHS.interface },
      script: APPLY_WIREGUARD_CONFIG_SCRIPT,
      args: [VPN_PATHS.config, VPN_PATHS.interface, VPN_PATHS.unit, String(vpn.port)],
      stdin: pulumi.secret(renderServerConfig(vpn)),
      secretStdin: true,
      dependsOn: [packages, forwarding],
    });
  },
};
