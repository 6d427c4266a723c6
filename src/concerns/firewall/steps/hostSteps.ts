import { createHash } from "crypto";
import type { HostConfig } from "../../../config/schema";
import type { FirewallContribution } from "../../../core/firewallOpenings";
import { HOST_PATHS } from "../../../core/hostPaths";
import type { HostSteps } from "../../../core/hostSteps";
import { concernParts } from "../../registry";
import { INSTALL_PACKAGES_SCRIPT } from "../../packages/steps/installPackagesScript";
import { FirewallModel, firewallModel } from "../firewallModel";
import { FIREWALL_PATHS } from "../firewallPaths";
import { FIREWALL_ROLLBACK } from "../firewallRollback";
import { renderRuleset } from "../renderRuleset";
import { APPLY_FIREWALL_SCRIPT } from "./applyFirewallScript";

/** Every concern's firewall part for this host: the openings and the VPN zone. */
function hostFirewallModel(host: HostConfig): FirewallModel {
  const parts = concernParts<FirewallContribution<HostConfig>>("firewall", "firewallContribution").map(({ value }) => ({
    openings: value.openings?.(host) ?? [],
    vpn: value.vpnZone?.(host),
  }));
  return firewallModel(host, parts);
}

/**
 * nftables, then the ruleset: checked, rollback armed, loaded; the next new login persists it. Over the admin
 * login only: the bootstrap login ends with the sshd change (new host key, no root login).
 */
export const hostSteps: HostSteps<HostConfig> = {
  adminOnly(ctx, after) {
    const model = hostFirewallModel(ctx.host);
    const pkg = ctx.run({
      step: "firewall-package",
      manifest: { kind: "packages", host: ctx.name, packages: ["nftables"] },
      script: INSTALL_PACKAGES_SCRIPT,
      args: ["nftables"],
      dependsOn: [...after, ctx.steps.get("packages")!],
    });
    // After this phase's sshd change, so one new login confirms both.
    ctx.run({
      step: "firewall",
      manifest: {
        kind: "nftables",
        host: ctx.name,
        path: FIREWALL_PATHS.ruleset,
        table: model.table,
        zones: {
          lan: model.lan,
          ...(model.vpn ? { vpn: { interface: model.vpn.interface, cidrs: [...model.vpn.cidrs] } } : {}),
          admin: model.admin,
          acknowledgePublicLan: ctx.host.firewall.acknowledgePublicLan,
        },
        sshPort: ctx.host.sshPort,
        publicPorts: model.openings.filter((o) => o.from.includes("any")).map((o) => ({ protocol: o.protocol, port: o.port })),
      },
      script: APPLY_FIREWALL_SCRIPT,
      args: [FIREWALL_PATHS.ruleset, FIREWALL_PATHS.main, model.table, HOST_PATHS.stateDir, FIREWALL_ROLLBACK.unit, String(FIREWALL_ROLLBACK.seconds)],
      stdin: renderRuleset(model),
      dependsOn: [pkg, ctx.steps.get("sshd-config")!],
    });
  },
  lockoutGuard(host) {
    return {
      what: "the firewall change",
      step: "firewall",
      unit: FIREWALL_ROLLBACK.unit,
      rolledBack: `${HOST_PATHS.stateDir}/firewall-rolled-back`,
      confirm: `${HOST_PATHS.stateDir}/firewall-confirm.sh`,
      path: FIREWALL_PATHS.ruleset,
      sha256: createHash("sha256").update(renderRuleset(hostFirewallModel(host))).digest("hex"),
    };
  },
};
