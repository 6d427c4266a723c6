import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { SSHD_RULES } from "../evaluateSshdConfig";
import type { SshdRule } from "../sshdFinding";
import { readStep } from "../../../core/policy/readStep";
import { REMOTE_COPY_FILE, REMOTE_COPY_TO_REMOTE } from "../../../core/policy/remoteTypes";
import { isSshdConfigPath, sshdConfigPayload } from "./sshdConfigPayload";

/**
 * The validateResource of an sshd policy: judges the sshd config text of `sshd-config` steps and of
 * file steps under /etc/ssh/sshd_config*, and refuses a CopyToRemote/CopyFile into those paths (its content
 * cannot be judged). `allowedExtraAlgorithms` comes from the policy config, when the policy has one.
 */
export function validateSshdRule(rule: SshdRule) {
  return (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
    if (args.type === REMOTE_COPY_TO_REMOTE || args.type === REMOTE_COPY_FILE) {
      const remotePath = args.props.remotePath;
      if (typeof remotePath === "string" && isSshdConfigPath(remotePath)) {
        reportViolation(`${args.name} must not copy sshd configuration to ${remotePath}; write it with an sshd-config or file step so its content can be judged.`);
        return;
      }
      return args.notApplicable("The resource copies no sshd configuration.");
    }
    const step = readStep(args.type, args.props);
    const payload = step && sshdConfigPayload(step);
    if (!payload) return args.notApplicable("The resource writes no sshd configuration.");
    const extra = args.getConfig<{ allowedExtraAlgorithms?: string[] }>().allowedExtraAlgorithms;
    for (const finding of SSHD_RULES[rule](payload.text, { ...payload.options, allowedExtraAlgorithms: extra })) {
      reportViolation(finding.message);
    }
  };
}
