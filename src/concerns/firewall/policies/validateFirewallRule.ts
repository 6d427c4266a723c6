import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { readStep } from "../../../core/policy/readStep";
import { evaluateFirewall, FirewallRule } from "../evaluateFirewall";

/** The validateResource of a firewall policy: judges the ruleset on stdin of every `nftables` step. */
export function validateFirewallRule(rule: FirewallRule) {
  return (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
    const step = readStep(args.type, args.props);
    if (!step || step.manifest.kind !== "nftables") return args.notApplicable("The resource loads no firewall ruleset.");
    for (const message of evaluateFirewall(rule, step.readStdin(), step.manifest)) reportViolation(message);
  };
}
