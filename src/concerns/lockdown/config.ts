import { z } from "zod";
import type { ConfigDefault } from "../../core/defaults";
import { doc, port, show, userName } from "../../core/schemaFields";
import { BLACKLISTED_MODULES } from "./blacklistedModules";

export const IPV6_ROUTER_ADVERTISEMENTS: ConfigDefault<"accept" | "ignore"> = {
  value: "accept",
  reason: "A home box usually gets its IPv6 address and route by SLAAC from the home router's advertisements; ignoring them cuts its IPv6.",
};
export const ALLOW_KERNEL_MODULES: ConfigDefault<string[]> = {
  value: [],
  reason: "Nothing on the blacklist is needed by Home Assistant; USB storage and Bluetooth are never on it.",
};
export const TMP_NOEXEC: ConfigDefault<boolean> = {
  value: false,
  reason: "pip and apt run build and maintainer scripts from /tmp, so noexec there breaks Home Assistant installs and upgrades; nodev and nosuid stay.",
};
export const CRON_USERS: ConfigDefault<string[]> = {
  value: [],
  reason: "Only root and the admin schedule jobs on an appliance.",
};
export const ALLOWED_LISTENERS: ConfigDefault<string[]> = {
  value: [],
  reason: "sshd on sshPort is always allowed; later concerns add their own listeners.",
};

const MODULE_NAMES = BLACKLISTED_MODULES.map((m) => m.module);
const LISTENER = /^(tcp|udp):(\d{1,5})$/;

/** The lockdown concern's slice of a host entry: the few choices the host lockdown leaves to the owner. */
export const hostFields = {
  lockdown: doc(
    z.strictObject({
      ipv6RouterAdvertisements: doc(
        z.enum(["accept", "ignore"], { error: (iss) => `must be accept or ignore, not ${show(iss.input)}` }).default(IPV6_ROUTER_ADVERTISEMENTS.value),
        { description: "`accept`: IPv6 router advertisements configure the address and route (SLAAC); `ignore`: for a host with static IPv6 or none (CIS Debian 3.3.9).", defaultReason: IPV6_ROUTER_ADVERTISEMENTS.reason },
      ),
      allowKernelModules: doc(
        z.array(
          z.enum(MODULE_NAMES as [string, ...string[]], { error: (iss) => `must be a blacklisted module (${MODULE_NAMES.join(", ")}), not ${show(iss.input)}` }),
          { error: "must be a list of kernel module names" },
        ).default(ALLOW_KERNEL_MODULES.value),
        { description: "Blacklisted kernel modules this host needs after all (e.g. `udf` to read a backup DVD); also allow them in the pack's `host-lockdown-baseline` config.", defaultReason: ALLOW_KERNEL_MODULES.reason, defaultShown: "[]" },
      ),
      tmpNoexec: doc(z.boolean({ error: (iss) => `must be true or false, not ${show(iss.input)}` }).default(TMP_NOEXEC.value), {
        description: "Mount /tmp noexec as well as nodev,nosuid.",
        defaultReason: TMP_NOEXEC.reason,
      }),
      cronUsers: doc(z.array(userName, { error: "must be a list of user names" }).default(CRON_USERS.value), {
        description: "Users besides root and the admin allowed to use cron and at (/etc/cron.allow, /etc/at.allow).",
        defaultReason: CRON_USERS.reason,
        defaultShown: "[]",
      }),
      allowedListeners: doc(
        z.array(
          z.string({ error: "must be a listener as tcp:PORT or udp:PORT" }).superRefine((v, ctx) => {
            const m = LISTENER.exec(v);
            if (!m || !port("allowedListeners").safeParse(Number(m[2])).success) ctx.addIssue({ code: "custom", message: `must be tcp:PORT or udp:PORT with a port 1-65535, not ${show(v)}` });
          }),
          { error: "must be a list of listeners as tcp:PORT or udp:PORT" },
        ).default(ALLOWED_LISTENERS.value),
        { description: "Sockets allowed to listen on a non-loopback address besides sshd, as `tcp:PORT` or `udp:PORT`; the live read-back reports any other.", defaultReason: ALLOWED_LISTENERS.reason, defaultShown: "[]" },
      ),
    }).default({
      ipv6RouterAdvertisements: IPV6_ROUTER_ADVERTISEMENTS.value,
      allowKernelModules: ALLOW_KERNEL_MODULES.value,
      tmpNoexec: TMP_NOEXEC.value,
      cronUsers: CRON_USERS.value,
      allowedListeners: ALLOWED_LISTENERS.value,
    }),
    {
      description: "Host lockdown beyond SSH (sysctls, kernel modules, core dumps, su, sudo, mounts, cron, journald, time).",
      defaultShown: "the defaults of its keys",
      defaultReason: "Each key's default is the locked-down choice; its reason is given with the key.",
    },
  ),
};
