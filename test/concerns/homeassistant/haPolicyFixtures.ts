import { HA_PATHS } from "../../../src/concerns/homeassistant/haPaths";
import { httpSettings, renderFirstStartPackage, renderGitignore, renderManagedBlock, renderSecretsYaml } from "../../../src/concerns/homeassistant/renderHaConfig";
import { renderHaUnit } from "../../../src/concerns/homeassistant/renderHaUnit";
import type { CapturedResource } from "../../../src/preview/capturedResource";
import { HOST, secret, step } from "../../policies/fixtures/resources";
import { haBaseline } from "./haTestFixtures";

export const CONFIGURATION = `${HA_PATHS.configDir}/configuration.yaml`;
export const FIRST_START = `${HA_PATHS.configDir}/${HA_PATHS.packagesDir}/${HA_PATHS.firstStartPackage}`;
export const SECRETS = `${HA_PATHS.configDir}/secrets.yaml`;
export const GITIGNORE = `${HA_PATHS.configDir}/.gitignore`;
export const QUADLET = `${HA_PATHS.quadletUsersDir}/<uid>/homeassistant.container`;

/** The ha-unit step as the program registers it on Debian 13 (Quadlet); `content` replaces the rendered unit. */
export function haUnitStep(content = renderHaUnit(haBaseline(), { podmanQuadlet: true }).content, user = "homeassistant"): CapturedResource {
  return step("ha-unit", { kind: "container-unit", host: HOST, user, format: "quadlet", dir: `${HA_PATHS.quadletUsersDir}/<uid>`, file: "homeassistant.container" }, content);
}

export function haConfigStep(part: "managed-block" | "first-start", text?: string): CapturedResource {
  const ha = haBaseline();
  const content = text ?? (part === "managed-block" ? renderManagedBlock(ha) : renderFirstStartPackage(ha));
  return step(`ha-${part === "managed-block" ? "configuration" : "first-start"}`, { kind: "ha-config", host: HOST, path: part === "managed-block" ? CONFIGURATION : FIRST_START, part }, content);
}

export function haOwnerStep(http: Record<string, unknown> = httpSettings(haBaseline())): CapturedResource {
  const r = step("ha-owner", { kind: "ha-owner", host: HOST, port: 8123, owner: "alex", http }, secret("{}"), { logging: "none" });
  return { ...r, additionalSecretOutputs: ["stdin", "stdout", "stderr", "connection"] };
}

/** The ha-secrets step as the program registers it: 0600 homeassistant, secret stdin, no log stream. */
export function haSecretsStep(manifest: Partial<{ mode: string; owner: string; group: string }> = {}, overrides: Partial<CapturedResource> = {}, inputs: Record<string, unknown> = {}): CapturedResource {
  const r = step("ha-secrets", { kind: "file", host: HOST, path: SECRETS, mode: "0600", owner: "homeassistant", group: "homeassistant", ...manifest }, secret(renderSecretsYaml({ mqtt_password: "s3cret-value" })), { logging: "none", ...inputs });
  return { ...r, additionalSecretOutputs: ["stdin", "stdout", "stderr", "connection"], ...overrides };
}

export function haGitignoreStep(text = renderGitignore()): CapturedResource {
  return step("ha-gitignore", { kind: "file", host: HOST, path: GITIGNORE, mode: "0640", owner: "homeassistant", group: "homeassistant" }, text);
}

/** Every Home Assistant step the policies judge, compliant. */
export function compliantHaSteps(): CapturedResource[] {
  return [haUnitStep(), haConfigStep("managed-block"), haConfigStep("first-start"), haOwnerStep(), haSecretsStep(), haGitignoreStep()];
}
