import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { isSecureValue, opaqueSecret } from "../core/opaqueSecret";
import { stackFilePath } from "../core/stackFiles";

/** A stack file read the way the Pulumi CLI hands it to a program: string values, plus the secret keys. */
export interface StackFileConfig {
  /** `project:key` -> value as the CLI passes it (objects and lists as JSON text). */
  config: Record<string, string>;
  /** Keys whose value is, or contains, a `secure:` value. */
  secretKeys: string[];
}

export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}


/** Replaces every `{secure: ciphertext}` with an opaque-secret marker; reports whether one was found. */
function unwrapSecure(value: unknown): { value: unknown; secret: boolean } {
  if (Array.isArray(value)) {
    let secret = false;
    const out = value.map((v) => {
      const r = unwrapSecure(v);
      secret ||= r.secret;
      return r.value;
    });
    return { value: out, secret };
  }
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (isSecureValue(obj)) return { value: opaqueSecret(obj.secure), secret: true };
    let secret = false;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const r = unwrapSecure(obj[k]);
      secret ||= r.secret;
      out[k] = r.value;
    }
    return { value: out, secret };
  }
  return { value, secret: false };
}

/** Sets `value` at a Pulumi config path such as `hosts[0].bootstrap.privateKey` inside `root`. */
export function setAtPath(root: Record<string, unknown>, configPath: string, value: unknown): void {
  const parts = configPath.match(/[^.[\]]+/g) ?? [];
  let cursor: any = root;
  parts.forEach((part, i) => {
    const key = /^\d+$/.test(part) ? Number(part) : part;
    if (i === parts.length - 1) {
      cursor[key] = value;
      return;
    }
    if (cursor[key] === undefined || cursor[key] === null) cursor[key] = /^\d+$/.test(parts[i + 1]) ? [] : {};
    cursor = cursor[key];
  });
}

/**
 * Reads STACKSDIR/Pulumi.STACK.yaml. `overrides` maps `project:key.path` (as `pulumi config set --path` takes it)
 * to values; `secretOverrides` lists which of them are secret.
 */
export function readStackFile(
  stacksDir: string,
  stack: string,
  overrides: Record<string, unknown> = {},
  secretOverrides: string[] = [],
): StackFileConfig {
  const file = stackFilePath(stacksDir, stack);
  const shown = path.relative(process.cwd(), file) || file;
  if (!fs.existsSync(file)) {
    throw new StackFileError(`stack file ${shown} does not exist: create it from stacks/Pulumi.example.yaml`);
  }
  let doc: unknown;
  try {
    doc = YAML.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new StackFileError(`stack file ${shown} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  const raw = (doc as { config?: Record<string, unknown> } | null)?.config ?? {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new StackFileError(`stack file ${shown}: \`config\` must be a mapping of keys to values`);
  }
  const values: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  for (const [key, v] of Object.entries(raw)) {
    const r = unwrapSecure(v);
    values[key] = r.value;
    if (r.secret) secretKeys.add(key);
  }
  for (const [fullPath, v] of Object.entries(overrides)) {
    const colon = fullPath.indexOf(":");
    const rest = fullPath.slice(colon + 1);
    const topKey = fullPath.slice(0, colon + 1) + (rest.match(/^[^.[]+/)?.[0] ?? rest);
    const subPath = rest.slice((rest.match(/^[^.[]+/)?.[0] ?? rest).length).replace(/^\./, "");
    if (subPath === "") {
      values[topKey] = v;
    } else {
      const holder: Record<string, unknown> = { root: values[topKey] ?? (/^\[/.test(subPath) ? [] : {}) };
      setAtPath(holder, "root" + (subPath.startsWith("[") ? "" : ".") + subPath, v);
      values[topKey] = holder.root;
    }
    if (secretOverrides.includes(fullPath)) secretKeys.add(topKey);
  }
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    config[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return { config, secretKeys: [...secretKeys] };
}
