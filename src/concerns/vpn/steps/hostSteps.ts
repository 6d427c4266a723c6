import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import type { HostConfig } from "../../../config/schema";
import { HOST_PATHS } from "../../../core/hostPaths";
import type { HostSteps } from "../../../core/hostSteps";
import { renderForwardingSysctl } from "../renderForwardingSysctl";
import { renderServerConfig } from "../renderServerConfig";
import { VPN_PATHS } from "../vpnPaths";
import { VPN_ROLLBACK } from "../vpnRollback";
import { APPLY_WIREGUARD_CONFIG_SCRIPT } from "./applyWireguardConfigScript";
import { INSTALL_WIREGUARD_SCRIPT } from "./installWireguardScript";
import { VPN_FORWARDING_SCRIPT } from "./vpnForwardingScript";

/**
 * WireGuard over the admin login, once access is proven: the tools, forwarding only when devices may reach the
 * LAN, then wg0.conf from secret config on stdin (the host keeps its VPN identity across a rebuild), applied
 * with `wg syncconf` so a peer change never drops a tunnel, under a rollback the final new login confirms (the
 * admin may be on the tunnel).
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
      args: [VPN_PATHS.config, VPN_PATHS.interface, VPN_PATHS.unit, String(vpn.port), HOST_PATHS.stateDir, VPN_ROLLBACK.unit, String(VPN_ROLLBACK.seconds)],
      stdin: pulumi.secret(renderServerConfig(vpn)),
      secretStdin: true,
      dependsOn: [packages, forwarding],
    });
  },
  lockoutGuard(host) {
    if (!host.vpn) return undefined;
    return {
      what: "the WireGuard change",
      step: "vpn-config",
      unit: VPN_ROLLBACK.unit,
      rolledBack: `${HOST_PATHS.stateDir}/vpn-rolled-back`,
      confirm: `${HOST_PATHS.stateDir}/vpn-confirm.sh`,
      path: VPN_PATHS.config,
      sha256: createHash("sha256").update(renderServerConfig(host.vpn)).digest("hex"),
    };
  },
};
