import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { PolicyName } from "../src/checklist/items";
import { connectionHostKeyPinned } from "../src/concerns/access/policies/connection-host-key-pinned";
import { connectionNoPassword } from "../src/concerns/access/policies/connection-no-password";
import { homeassistantUserUnprivileged } from "../src/concerns/accounts/policies/homeassistant-user-unprivileged";
import { sshPasswordAuthDisabled } from "../src/concerns/ssh/policies/ssh-password-auth-disabled";
import { sshRootLoginDisabled } from "../src/concerns/ssh/policies/ssh-root-login-disabled";
import { sshWeakAlgorithmsAbsent } from "../src/concerns/ssh/policies/ssh-weak-algorithms-absent";

/** Every policy by its catalog name: a name in items.ts without a policy here (or the reverse) does not compile. */
export const POLICIES: Record<PolicyName, ResourceValidationPolicy | StackValidationPolicy> = {
  "ssh-root-login-disabled": sshRootLoginDisabled,
  "ssh-password-auth-disabled": sshPasswordAuthDisabled,
  "ssh-weak-algorithms-absent": sshWeakAlgorithmsAbsent,
  "connection-host-key-pinned": connectionHostKeyPinned,
  "connection-no-password": connectionNoPassword,
  "homeassistant-user-unprivileged": homeassistantUserUnprivileged,
};
