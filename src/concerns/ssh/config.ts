import { z } from "zod";
import type { ConfigDefault } from "../../core/defaults";
import { doc, port, show } from "../../core/schemaFields";

export const SSH_PORT: ConfigDefault<number> = {
  value: 22,
  reason: "The port every freshly imaged box listens on; moving it hides nothing from a scanner.",
};
export const ALLOW_TCP_FORWARDING: ConfigDefault<"local" | "no"> = {
  value: "local",
  reason: "The Securing checklist names an SSH tunnel to reach the UI, which needs local forwarding.",
};
export const EXTRA_SETTINGS: ConfigDefault<Record<string, string>> = {
  value: {},
  reason: "The baseline alone is the hardened configuration.",
};

/** Where a stack writes what the ssh policies judge (a host-relative path): a finding is located there. */
export const judgedSettings = ["sshd.extraSettings"];

/** The ssh concern's slice of a host entry: where sshd listens and the adjustments to the baseline. */
export const hostFields = {
  sshPort: doc(port("sshPort").default(SSH_PORT.value), {
    description: "Port sshd listens on after hardening (written as `Port` in the drop-in).",
    defaultReason: SSH_PORT.reason,
  }),
  sshd: doc(
    z.strictObject({
      allowTcpForwarding: doc(
        z.enum(["local", "no"], { error: (iss) => `must be local or no, not ${show(iss.input)}` }).default(ALLOW_TCP_FORWARDING.value),
        { description: "`local` allows the SSH tunnel to the UI the checklist names; `no` forbids forwarding.", defaultReason: ALLOW_TCP_FORWARDING.reason },
      ),
      extraSettings: doc(
        z.record(z.string(), z.union([z.string(), z.number()], { error: "must be a text or number value" }).transform(String), {
          error: "must be a mapping of sshd directive to value",
        }).default(EXTRA_SETTINGS.value),
        {
          description: "sshd directive -> value; replaces the baseline's value of the same directive or is appended. Policies judge the result; settings that would lock the admin out are refused.",
          defaultReason: EXTRA_SETTINGS.reason,
          defaultShown: "{}",
        },
      ),
    }).default({ allowTcpForwarding: ALLOW_TCP_FORWARDING.value, extraSettings: EXTRA_SETTINGS.value }),
    { description: "Optional sshd adjustments.", defaultShown: "the defaults of its keys" },
  ),
};
