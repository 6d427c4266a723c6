import type { AptConfOp } from "./parseAptConf";

/** The values a sequence of apt configuration operations leaves: scalars (last wins) and lists, keyed in lower case. */
export interface AptConfValues {
  scalars: Map<string, string>;
  lists: Map<string, string[]>;
  /** Keys a `#clear` emptied, in lower case. */
  cleared: Set<string>;
}

export function aptConfValues(ops: readonly AptConfOp[]): AptConfValues {
  const out: AptConfValues = { scalars: new Map(), lists: new Map(), cleared: new Set() };
  for (const o of ops) {
    const key = o.key.toLowerCase();
    if (o.op === "clear") {
      out.cleared.add(key);
      for (const m of [out.scalars, out.lists]) for (const k of [...m.keys()]) if (k === key || k.startsWith(`${key}::`)) m.delete(k);
    } else if (o.op === "set") out.scalars.set(key, o.value);
    else out.lists.set(key, [...(out.lists.get(key) ?? []), o.value]);
  }
  return out;
}
