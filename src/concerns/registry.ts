import * as fs from "fs";
import * as path from "path";

/** Every concern, in the order its steps run on a host. Adding a concern is one line here. */
export const CONCERNS = ["packages", "accounts", "access", "ssh", "firewall", "lockdown", "vpn", "updates", "homeassistant"] as const;

export type ConcernName = (typeof CONCERNS)[number];

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
