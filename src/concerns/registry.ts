import * as fs from "fs";
import * as path from "path";

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Every concern, in the order its steps run on a host, with its slice of the host schema (`<concern>/config.ts`,
 * loaded only when the schema is built). Adding a concern is one line here.
 */
export const CONCERN_CONFIGS = {
  packages: null,
  accounts: () => require("./accounts/config") as typeof import("./accounts/config"),
  access: () => require("./access/config") as typeof import("./access/config"),
  ssh: () => require("./ssh/config") as typeof import("./ssh/config"),
  firewall: () => require("./firewall/config") as typeof import("./firewall/config"),
  lockdown: () => require("./lockdown/config") as typeof import("./lockdown/config"),
  vpn: () => require("./vpn/config") as typeof import("./vpn/config"),
  updates: () => require("./updates/config") as typeof import("./updates/config"),
  homeassistant: () => require("./homeassistant/config") as typeof import("./homeassistant/config"),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export type ConcernName = keyof typeof CONCERN_CONFIGS;

/** The concerns' names in registry order. */
export const CONCERNS = Object.keys(CONCERN_CONFIGS) as readonly ConcernName[];

/**
 * Loads `<concern>/<part>` (e.g. "steps/hostSteps", "policies/concernPolicies") of every concern that has
 * one, in registry order, from the compiled or the TypeScript tree alike. Only the parts asked for load: the
 * pack never loads a concern's steps.
 */
export function concernParts<T>(part: string, exportName: string): { concern: ConcernName; value: T }[] {
  const out: { concern: ConcernName; value: T }[] = [];
  for (const concern of CONCERNS) {
    const base = path.join(__dirname, concern, part);
    if (!fs.existsSync(`${base}.js`) && !fs.existsSync(`${base}.ts`)) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const value = require(base)[exportName] as T | undefined;
    if (value === undefined) throw new Error(`src/concerns/${concern}/${part} does not export ${exportName}`);
    out.push({ concern, value });
  }
  return out;
}
