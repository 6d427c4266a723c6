import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checklistMetadata } from "../../../core/policy/checklistMetadata";
import { validateSshdRule } from "./validateSshdRule";

/**
 * configSchema: a household may own an old client that only speaks, say, ecdsa-sha2-nistp256; the
 * owner can allow such names explicitly. SHA-1, MD5, CBC, RC4, 3DES and DSA stay refused regardless.
 */
export const sshWeakAlgorithmsAbsent: ResourceValidationPolicy = {
  ...checklistMetadata(
    "ssh-weak-algorithms-absent",
    "Every key exchange, cipher, MAC, host key and public key algorithm list in the sshd configuration a step puts on the host must stay inside the project's allowlists, judging `+`, `-` and `^` edits by the list they produce from OpenSSH's default.",
  ),
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Set KexAlgorithms, Ciphers, MACs, HostKeyAlgorithms, PubkeyAcceptedAlgorithms and CASignatureAlgorithms to full lists from src/concerns/ssh/algorithms.ts instead of editing OpenSSH's default, or allow a needed name in this policy's `allowedExtraAlgorithms` config.",
  configSchema: {
    properties: {
      allowedExtraAlgorithms: {
        type: "array",
        items: { type: "string", minLength: 1 },
        description: "Algorithm names accepted beyond the allowlists (never SHA-1, MD5, CBC, RC4, 3DES or DSA ones).",
      },
    },
  },
  validateResource: validateSshdRule("weak-algorithms"),
};
