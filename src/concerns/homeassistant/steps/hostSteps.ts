import * as pulumi from "@pulumi/pulumi";
import type { HostConfig } from "../../../config/schema";
import type { HostSteps } from "../../../core/hostSteps";
import { INSTALL_FILE_SCRIPT } from "../../../core/steps/installFileScript";
import { INSTALL_PACKAGES_SCRIPT } from "../../packages/steps/installPackagesScript";
import { HA_PACKAGES, SUBORDINATE_RANGE } from "../haPackages";
import { HA_PATHS } from "../haPaths";
import { HTTP_READ_BACK_SCRIPT, httpDrift, MANAGED_HTTP_KEYS } from "../httpDrift";
import { httpSettings, MANAGED_BEGIN, MANAGED_END, renderFirstStartPackage, renderGitignore, renderHttpPackage, renderManagedBlock, renderSecretsYaml, STARTER_CONFIGURATION } from "../renderHaConfig";
import { renderHaUnit } from "../renderHaUnit";
import { HA_CLIENT_SCRIPT } from "./haClientScript";
import { HA_CONFIG_DIR_SCRIPT } from "./haConfigDirScript";
import { HA_FIRST_START_SCRIPT } from "./haFirstStartScript";
import { HA_IMAGE_SCRIPT } from "./haImageScript";
import { HA_MANAGED_BLOCK_SCRIPT } from "./haManagedBlockScript";
import { HA_OWNER_SCRIPT } from "./haOwnerScript";
import { HA_RESTART_IF_RUNNING } from "./haRestartIfRunning";
import { HA_ROOTLESS_SCRIPT } from "./haRootlessScript";
import { HA_UNIT_SCRIPT } from "./haUnitScript";

/**
 * Home Assistant over the admin login, once the final login has confirmed the firewall (an image pull must not
 * race its rollback timer): rootless Podman for the homeassistant user, the
 * pinned image, the config directory (its .gitignore, secrets.yaml, the managed block, and until the owner exists
 * the package that binds Home Assistant to the host itself), the user unit, then the owner claimed through
 * onboarding and the http settings applied through Home Assistant's own API.
 */
export const hostSteps: HostSteps<HostConfig> = {
  afterLoginProven(ctx, after) {
    const ha = ctx.host.homeAssistant;
    if (!ha) return;
    const user = HA_PATHS.user;
    const dir = HA_PATHS.configDir;
    const serviceUser = ctx.steps.get("homeassistant-user");
    const base = [...after, ...(serviceUser ? [serviceUser] : [])];
    const packageNames = HA_PACKAGES.map((p) => p.name);
    const packages = ctx.run({
      step: "ha-packages",
      manifest: { kind: "packages", host: ctx.name, packages: packageNames },
      script: INSTALL_PACKAGES_SCRIPT,
      args: packageNames,
      dependsOn: base,
    });
    const rootless = ctx.run({
      step: "ha-rootless",
      manifest: { kind: "script", host: ctx.name, purpose: `rootless Podman for ${user}: subordinate IDs, linger${ha.devices.length ? ", dialout" : ""}` },
      script: HA_ROOTLESS_SCRIPT,
      args: [user, String(SUBORDINATE_RANGE.start), String(SUBORDINATE_RANGE.count), ha.devices.length > 0 ? "yes" : "no"],
      dependsOn: [packages],
    });
    const image = ctx.run({
      step: "ha-image",
      manifest: { kind: "script", host: ctx.name, purpose: `the Home Assistant image ${ha.image} in ${user}'s storage` },
      script: HA_IMAGE_SCRIPT,
      args: [user, ha.image],
      dependsOn: [rootless],
    });
    const configDir = ctx.run({
      step: "ha-config-dir",
      manifest: { kind: "script", host: ctx.name, purpose: `${dir} owned by ${user}, 0750` },
      script: HA_CONFIG_DIR_SCRIPT,
      args: [user, dir, HA_PATHS.packagesDir],
      dependsOn: base,
    });
    const file = (step: string, name: string, mode: string, content: pulumi.Input<string>, secret = false, readAtStart = false) =>
      ctx.run({
        step,
        manifest: { kind: "file", host: ctx.name, path: `${dir}/${name}`, mode, owner: user, group: user },
        script: readAtStart ? `${INSTALL_FILE_SCRIPT}\nuser=$3\n${HA_RESTART_IF_RUNNING}` : INSTALL_FILE_SCRIPT,
        args: [`${dir}/${name}`, mode, user, user],
        stdin: content,
        secretStdin: secret,
        dependsOn: [configDir],
      });
    const gitignore = file("ha-gitignore", ".gitignore", "0640", renderGitignore());
    const secrets = file("ha-secrets", "secrets.yaml", "0600", pulumi.secret(renderSecretsYaml(ha.secrets)), true, true);
    const configuration = ctx.run({
      step: "ha-configuration",
      manifest: { kind: "ha-config", host: ctx.name, path: `${dir}/configuration.yaml`, part: "managed-block" },
      script: `${HA_MANAGED_BLOCK_SCRIPT}\n${HA_RESTART_IF_RUNNING}`,
      args: [`${dir}/configuration.yaml`, user, MANAGED_BEGIN, MANAGED_END, STARTER_CONFIGURATION],
      stdin: renderManagedBlock(ha),
      dependsOn: [configDir],
    });
    const firstStartPath = `${dir}/${HA_PATHS.packagesDir}/${HA_PATHS.firstStartPackage}`;
    const firstStart = ctx.run({
      step: "ha-first-start",
      manifest: { kind: "ha-config", host: ctx.name, path: firstStartPath, part: "first-start" },
      script: HA_FIRST_START_SCRIPT,
      args: [firstStartPath, user, `${dir}/${HA_PATHS.onboardingStore}`, String(ha.port), HA_PATHS.claimGateTable],
      stdin: renderFirstStartPackage(ha),
      dependsOn: [configDir],
    });
    const unit = renderHaUnit(ha, ctx.os);
    const unitDir = unit.format === "quadlet" ? `${HA_PATHS.quadletUsersDir}/<uid>` : HA_PATHS.userUnitDir;
    const service = ctx.run({
      step: "ha-unit",
      manifest: { kind: "container-unit", host: ctx.name, user, format: unit.format, dir: unitDir, file: unit.file },
      script: HA_UNIT_SCRIPT,
      args: [user, unit.format, HA_PATHS.quadletUsersDir, HA_PATHS.userUnitDir, unit.file],
      stdin: unit.content,
      dependsOn: [image, gitignore, secrets, configuration, firstStart],
    });
    const http = httpSettings(ha);
    // The files the client inside the container handles, as the container sees them.
    const inContainer = (name: string) => `${HA_PATHS.containerConfigDir}/${HA_PATHS.packagesDir}/${name}`;
    const files = { first_start: inContainer(HA_PATHS.firstStartPackage), http_yaml: inContainer(HA_PATHS.httpPackage), restart_pending: inContainer(HA_PATHS.restartPending) };
    const params = { port: ha.port, owner: ha.owner, http, managed: MANAGED_HTTP_KEYS, files, http_yaml: renderHttpPackage(ha) };
    ctx.run({
      step: "ha-owner",
      manifest: { kind: "ha-owner", host: ctx.name, port: ha.port, owner: ha.owner.username, http },
      script: HA_OWNER_SCRIPT,
      args: [user, HA_PATHS.unit, HA_PATHS.claimGateTable],
      stdin: pulumi.secret(JSON.stringify({ script: HA_CLIENT_SCRIPT, params })),
      secretStdin: true,
      dependsOn: [service],
    });
  },
  // Every `up` reads the settings Home Assistant runs with (from 2026.8 its own store, which its UI can change
  // too; before, the http package it reads at start): drift makes that `up` run the owner step again, which sets
  // them back the same way.
  readBack(host) {
    const ha = host.homeAssistant;
    if (!ha) return undefined;
    const wanted = httpSettings(ha);
    const packages = `${HA_PATHS.configDir}/${HA_PATHS.packagesDir}`;
    return {
      what: "Home Assistant's http settings",
      step: "ha-owner",
      script: HTTP_READ_BACK_SCRIPT,
      args: [`${HA_PATHS.configDir}/${HA_PATHS.httpStore}`, `${packages}/${HA_PATHS.httpPackage}`, `${packages}/${HA_PATHS.restartPending}`],
      drift: (stdout) => httpDrift(stdout, wanted),
    };
  },
};
