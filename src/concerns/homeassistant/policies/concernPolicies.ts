import type { ResourceValidationPolicy } from "@pulumi/policy";
import { haAuthProvidersSafe } from "./ha-auth-providers-safe";
import { haClosedUntilOwner } from "./ha-closed-until-owner";
import { haConfigCredentialsSecret } from "./ha-config-credentials-secret";
import { haImagePinned } from "./ha-image-pinned";
import { haLoginBansOn } from "./ha-login-bans-on";
import { haRunsRootless } from "./ha-runs-rootless";
import { haSecretsFilePrivate } from "./ha-secrets-file-private";

/** The homeassistant concern's policies: they judge the unit, the configuration and the settings steps put on the host. */
export const concernPolicies: ResourceValidationPolicy[] = [
  haRunsRootless,
  haImagePinned,
  haSecretsFilePrivate,
  haConfigCredentialsSecret,
  haAuthProvidersSafe,
  haLoginBansOn,
  haClosedUntilOwner,
];
