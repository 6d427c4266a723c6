import * as YAML from "yaml";
import { setAtPath } from "../../preview/readStackFile";
import { isSecureValue } from "../../core/opaqueSecret";

/** Drops every `{secure: …}` value (ciphertext under another stack's key) from a parsed config tree. */
export function withoutSecureValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecureValues);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!isSecureValue(v)) out[k] = withoutSecureValues(v);
    }
    return out;
  }
  return value;
}

/**
 * The lab's working copy of a stack file: the committed file's plain values with the lab's plain overrides
 * (`project:key.path` as `pulumi config set --path` takes them) applied, its `secure:` values dropped (they are
 * set again through the CLI, on stdin), and the salt of the previous working copy kept so earlier secrets stay
 * readable.
 */
export function labStackFile(stackFileText: string, overrides: Record<string, unknown>, previousSalt?: string): string {
  const doc = (YAML.parse(stackFileText) ?? {}) as { config?: Record<string, unknown> };
  const config = withoutSecureValues(doc.config ?? {}) as Record<string, unknown>;
  for (const [fullPath, value] of Object.entries(overrides)) {
    const colon = fullPath.indexOf(":");
    const rest = fullPath.slice(colon + 1);
    const top = rest.match(/^[^.[]+/)?.[0] ?? rest;
    const key = fullPath.slice(0, colon + 1) + top;
    const sub = rest.slice(top.length).replace(/^\./, "");
    if (sub === "") {
      config[key] = value;
      continue;
    }
    const holder: Record<string, unknown> = { root: config[key] ?? (sub.startsWith("[") ? [] : {}) };
    setAtPath(holder, "root" + (sub.startsWith("[") ? "" : ".") + sub, value);
    config[key] = holder.root;
  }
  const out: Record<string, unknown> = {};
  if (previousSalt) out.encryptionsalt = previousSalt;
  out.config = config;
  return YAML.stringify(out);
}

/** The `encryptionsalt` of a stack file's text, if it has one. */
export function saltOf(stackFileText: string): string | undefined {
  const doc = YAML.parse(stackFileText) as { encryptionsalt?: unknown } | null;
  return typeof doc?.encryptionsalt === "string" ? doc.encryptionsalt : undefined;
}
