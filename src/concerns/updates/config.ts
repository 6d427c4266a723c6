import { z } from "zod";
import type { ConfigDefault } from "../../core/defaults";
import { doc, show } from "../../core/schemaFields";
import { originPatternProblem } from "./originPatternProblem";

export const AUTOMATIC_REBOOT: ConfigDefault<boolean> = {
  value: false,
  reason: "A reboot stops Home Assistant; the owner chooses to allow it.",
};
export const REBOOT_TIME: ConfigDefault<string> = {
  value: "04:00",
  reason: "Night in the host's time zone, when an automation is least likely to be running.",
};
export const EXTRA_ORIGINS: ConfigDefault<string[]> = {
  value: [],
  reason: "Only the distribution's own security fixes are installed unattended.",
};

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const MAIL_ADDRESS = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$/;

const originPattern = z.string({ error: "must be an Origins-Pattern text such as origin=Example,label=Example" }).superRefine((v, ctx) => {
  const p = originPatternProblem(v);
  if (p) ctx.addIssue({ code: "custom", message: p });
});

/** Where a stack writes what the updates policies judge (a host-relative path): a finding is located there. */
export const judgedSettings = ["updates.extraOrigins"];

/** The updates concern's slice of a host entry: how the host keeps itself up to date. */
export const hostFields = {
  updates: doc(
    z.strictObject({
      reboot: doc(
        z.strictObject({
          automatic: doc(z.boolean({ error: (iss) => `must be true or false, not ${show(iss.input)}` }).default(AUTOMATIC_REBOOT.value), {
            description: "true: reboot at `time` when an upgrade asks for it (a new kernel, a new libc), unless a user is logged in.",
            defaultReason: AUTOMATIC_REBOOT.reason,
          }),
          time: doc(
            z.string({ error: (iss) => `must be HH:MM (24-hour), not ${show(iss.input)}` }).regex(HH_MM, { error: (iss) => `must be HH:MM (24-hour), not ${show(iss.input)}` }).default(REBOOT_TIME.value),
            { description: "When an automatic reboot happens, HH:MM in the host's time zone.", defaultReason: REBOOT_TIME.reason },
          ),
        }).default({ automatic: AUTOMATIC_REBOOT.value, time: REBOOT_TIME.value }),
        { description: "The reboot an upgrade may ask for.", defaultReason: "Each key's own default: no automatic reboot." },
      ),
      mailTo: doc(
        z.string({ error: (iss) => `must be a mail address, not ${show(iss.input)}` }).regex(MAIL_ADDRESS, { error: (iss) => `must be a mail address, not ${show(iss.input)}` }).optional(),
        {
          description: "Mail a report to this address when a run changed something; the host needs /usr/bin/mail or /usr/sbin/sendmail, which the project does not install (the update-timers step refuses without one). Unset: the report goes to the journal only.",
          example: "owner@example.org",
        },
      ),
      extraOrigins: doc(
        z.array(originPattern, { error: "must be a list of Origins-Pattern texts" }).default(EXTRA_ORIGINS.value),
        {
          description: "Origins installed unattended beyond the distribution's security origin, as unattended-upgrades' Origins-Pattern entries; each is a deliberate choice, and the pack flags it (policy `update-origins-distribution-only`).",
          defaultReason: EXTRA_ORIGINS.reason,
          defaultShown: "[]",
        },
      ),
    }).default({ reboot: { automatic: AUTOMATIC_REBOOT.value, time: REBOOT_TIME.value }, extraOrigins: EXTRA_ORIGINS.value }),
    { description: "Automatic security updates (unattended-upgrades).", defaultReason: "Security updates need no choice from the owner: each key's own default applies." },
  ),
};
