import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { PolicyName } from "../src/checklist/items";
import { connectionHostKeyPinned } from "./policies/connection-host-key-pinned";
import { connectionNoPassword } from "./policies/connection-no-password";
import { homeassistantUserUnprivileged } from "./policies/homeassistant-user-unprivileged";
import { sshPasswordAuthDisabled } from "./policies/ssh-password-auth-disabled";
import { sshRootLoginDisabled } from "./policies/ssh-root-login-disabled";
import { sshWeakAlgorithmsAbsent } from "./policies/ssh-weak-algorithms-absent";

/** Every policy by its catalog name: a name in items.ts without a policy here (or the reverse) does not compile. */
export const POLICIES: Record<PolicyName, ResourceValidationPolicy | StackValidationPolicy> = {
  "ssh-root-login-disabled": sshRootLoginDisabled,
  "ssh-password-auth-disabled": sshPasswordAuthDisabled,
  "ssh-weak-algorithms-absent": sshWeakAlgorithmsAbsent,
  "connection-host-key-pinned": connectionHostKeyPinned,
  "connection-no-password": connectionNoPassword,
  "homeassistant-user-unprivileged": homeassistantUserUnprivileged,
};
