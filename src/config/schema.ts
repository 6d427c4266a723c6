import { z } from "zod";
import { CONCERN_CONFIGS, CONCERNS, type ConcernName } from "../concerns/registry";
import { HOST_DEFAULTS } from "../core/defaults";
import { OS_IDS } from "../core/osTable";
import { doc, HOST_NAME, show } from "../core/schemaFields";
import { cidrProblem, isHostAddress } from "../core/network";

type ConcernConfig = NonNullable<(typeof CONCERN_CONFIGS)[ConcernName]> extends () => infer M ? M : never;
type HostProblem = { path: (string | number)[]; message: string };
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** Every concern's fields, typed: the intersection of the registry's slices. */
type ConcernFields = UnionToIntersection<ConcernConfig extends infer M ? (M extends { hostFields: infer F } ? F : never) : never>;

const slices = CONCERNS.flatMap((concern) => {
  const load = CONCERN_CONFIGS[concern];
  return load
    ? [{ concern, config: load() as { hostFields: Record<string, z.ZodType>; hostProblems?: (host: never) => HostProblem[]; judgedSettings?: string[] } }]
    : [];
});
/** The host-relative paths (`sshd.extraSettings`) where a stack writes what a policy judges, from every concern. */
export const JUDGED_SETTINGS: readonly string[] = slices.flatMap(({ config }) => config.judgedSettings ?? []);
const concernFields = {} as Record<string, z.ZodType>;
for (const { concern, config } of slices) {
  for (const [key, field] of Object.entries(config.hostFields)) {
    if (key in concernFields) throw new Error(`src/concerns/${concern}/config.ts declares ${key}, which another concern already declares`);
    concernFields[key] = field;
  }
}

/**
 * The stack config schema: the host-level fields here, then each concern's slice from its own folder in registry
 * order (the order the generated reference lists them).
 */
export const hostSchema = z.strictObject({
  name: doc(
    z.string({ error: "must be a host name (text)" }).regex(HOST_NAME, {
      error: (iss) => `must be 1-31 lowercase letters, digits and hyphens starting with a letter, not ${show(iss.input)}`,
    }),
    { description: "Short name of the host; used in resource names (`<name>-<step>`).", example: "ha-pi" },
  ),
  address: doc(
    z.string({ error: "must be an IPv4/IPv6 address or DNS name" }).refine(isHostAddress, {
      error: (iss) => `must be an IPv4/IPv6 address or a DNS name, not ${show(iss.input)}`,
    }),
    { description: "Where the host is reached: an IPv4/IPv6 literal or a DNS name.", example: "192.168.1.20" },
  ),
  os: doc(
    z.enum(OS_IDS, { error: (iss) => `must be one of ${OS_IDS.join(", ")}, not ${show(iss.input)}` }).default(HOST_DEFAULTS.os.value as (typeof OS_IDS)[number]),
    { description: "Operating system (per-OS table: ssh service, nologin path, sudo group).", defaultReason: HOST_DEFAULTS.os.reason },
  ),
  generation: doc(
    z.number({ error: (iss) => `must be a whole number >= 1, not ${show(iss.input)}` }).int({ error: (iss) => `must be a whole number >= 1, not ${show(iss.input)}` })
      .min(1, { error: (iss) => `must be a whole number >= 1, not ${show(iss.input)}` }).default(HOST_DEFAULTS.generation.value),
    { description: "Bump to replay every step (e.g. after moving the host to new hardware).", defaultReason: HOST_DEFAULTS.generation.reason },
  ),
  lanCidrs: doc(
    z.array(
      z.string({ error: "must be a network in CIDR notation" }).superRefine((v, ctx) => {
        const p = cidrProblem(v);
        if (p) ctx.addIssue({ code: "custom", message: p });
      }),
      { error: "must be a list of networks in CIDR notation" },
    ).default(HOST_DEFAULTS.lanCidrs.value),
    { description: "Networks of the home LAN, e.g. 192.168.1.0/24.", defaultReason: HOST_DEFAULTS.lanCidrs.reason },
  ),
  ...(concernFields as ConcernFields),
}).superRefine((host, ctx) => {
  for (const { config } of slices) {
    for (const p of config.hostProblems?.(host as never) ?? []) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
  }
});

export const stackConfigSchema = z.strictObject({
  hosts: doc(z.array(hostSchema, { error: "must be a list of hosts" }).min(1, { error: "must list at least one host" }), {
    description: "The hosts to harden, one entry per host.",
  }),
});

export type HostConfig = z.output<typeof hostSchema>;
export type StackConfigValues = z.output<typeof stackConfigSchema>;
