import { randomBytes } from "crypto";
import { PROJECT_NAME } from "../../core/configKey";
import { ensureIdentityValue } from "./ensureIdentityValue";

const CFG = `${PROJECT_NAME}:hosts[0]`;

/** The lab owner of Home Assistant and the one secrets.yaml value the lab's configuration refers to. */
export const LAB_HA_OWNER = { name: "Lab Owner", username: "labowner" } as const;
export const LAB_HA_SECRET_NAME = "lab_greeting";

const generated = (): string => randomBytes(18).toString("base64url");

/** The owner's password and the secrets.yaml value, as the lab's identity keeps them (tests read them here). */
export function labHaSecrets(identityDir: string): { password: string; secretValue: string } {
  return { password: ensureIdentityValue(identityDir, "ha_owner_password", generated), secretValue: ensureIdentityValue(identityDir, "ha_secret_value", generated) };
}

/**
 * What the lab sets for hosts[0].homeAssistant when the working stack has one: the owner (its password a secret,
 * on stdin), and one secrets.yaml value, as a user sets them with `pulumi config set --secret --path`.
 */
export function labHaOverrides(identityDir: string, ha: unknown): { plain: Record<string, unknown>; secret: Record<string, string> } {
  if (ha === null || typeof ha !== "object") return { plain: {}, secret: {} };
  const { password, secretValue } = labHaSecrets(identityDir);
  return {
    plain: { [`${CFG}.homeAssistant.owner.name`]: LAB_HA_OWNER.name, [`${CFG}.homeAssistant.owner.username`]: LAB_HA_OWNER.username },
    secret: { [`${CFG}.homeAssistant.owner.password`]: password, [`${CFG}.homeAssistant.secrets.${LAB_HA_SECRET_NAME}`]: secretValue },
  };
}
