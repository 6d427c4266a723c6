import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { readStep } from "../../../core/policy/readStep";
import { secretDeliveryFindings } from "../../../core/policy/secretDeliveryFindings";
import { HA_GITIGNORE, HA_PATHS } from "../haPaths";

/** No configSchema: secrets.yaml is not encrypted; its mode, its owner and how it travels are all that protect it. */
export const haSecretsFilePrivate: ResourceValidationPolicy = {
  ...checklistMetadata(
    "ha-secrets-file-private",
    "The secrets.yaml a step writes must land 0600 and owned by homeassistant, delivered on a secret stdin that streams no log, and the config directory's .gitignore must name secrets.yaml, ip_bans.yaml, .storage and .cloud.",
  ),
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: "Set homeAssistant.secrets with `pulumi config set --secret --path`; the homeassistant concern writes secrets.yaml and the .gitignore itself.",
  validateResource: (args, reportViolation) => {
    const step = readStep(args.type, args.props);
    const m = step?.manifest;
    if (m?.kind !== "file" || !m.path.startsWith(`${HA_PATHS.configDir}/`)) return args.notApplicable("The resource writes no file in Home Assistant's config directory.");
    const subject = `${m.host}:${m.path}`;
    if (m.path.endsWith("/secrets.yaml")) {
      if (m.mode !== "0600") reportViolation(`${subject} must have mode 0600, not ${m.mode}.`);
      if (m.owner !== HA_PATHS.user || m.group !== HA_PATHS.user) reportViolation(`${subject} must be owned by ${HA_PATHS.user}:${HA_PATHS.user}, not ${m.owner}:${m.group}.`);
      for (const f of secretDeliveryFindings(subject, { name: args.name, props: args.props, additionalSecretOutputs: args.opts.additionalSecretOutputs })) reportViolation(f);
    } else if (m.path.endsWith("/.gitignore")) {
      const lines = step!.readStdin().split("\n").map((l) => l.trim());
      const missing = HA_GITIGNORE.filter((n) => !lines.includes(n));
      if (missing.length) reportViolation(`${subject} must name ${missing.join(", ")}, which hold secrets or credentials.`);
    } else return args.notApplicable("The resource writes neither secrets.yaml nor the .gitignore.");
  },
};
