import * as YAML from "yaml";
import { isSecureValue } from "../core/opaqueSecret";

/** Every `secure:` ciphertext in a stack file's text, by its config path (`project:key.path[0]`). */
export function secureValues(stackText: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (v: unknown, at: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
    else if (v !== null && typeof v === "object") {
      if (isSecureValue(v)) found.set(at, v.secure);
      else for (const [k, x] of Object.entries(v)) walk(x, at.endsWith(":") || at === "" ? `${at}${k}` : `${at}.${k}`);
    }
  };
  const config = (YAML.parse(stackText) as { config?: Record<string, unknown> } | null)?.config ?? {};
  for (const [k, v] of Object.entries(config)) walk(v, k);
  return found;
}

/** Config paths of a stack file that still hold the example's placeholder ciphertexts (no passphrase decrypts them). */
export function examplePlaceholders(stackText: string, exampleText: string): string[] {
  const published = new Set(secureValues(exampleText).values());
  return [...secureValues(stackText)].filter(([, v]) => published.has(v)).map(([k]) => k);
}
