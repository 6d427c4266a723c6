/** The keys unattended-upgrades accepts in an Origins-Pattern entry (long and apt-cache policy short forms). */
const KEYS = new Set(["origin", "o", "label", "l", "archive", "a", "suite", "codename", "n", "component", "c", "site"]);

/**
 * Why a text is not a usable Origins-Pattern entry (`key=value` pairs joined by commas, a literal comma as `\,`),
 * or undefined; `${distro_codename}` and the like are unattended-upgrades' variables. Quotes, semicolons, braces and line breaks are refused: they would break out of the apt
 * configuration entry.
 */
export function originPatternProblem(pattern: string): string | undefined {
  if (/["';{}\n\r\\]/.test(pattern.replace(/\\,/g, "").replace(/\$\{[a-z_]+\}/g, ""))) return `must not contain quotes, semicolons, braces, backslashes or line breaks, not ${JSON.stringify(pattern)}`;
  const pairs = pattern.split(/(?<!\\),/);
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const key = eq < 0 ? "" : pair.slice(0, eq);
    if (!KEYS.has(key) || pair.slice(eq + 1).trim() === "") {
      return `must be key=value pairs joined by commas with keys among ${[...KEYS].join(", ")}, not ${JSON.stringify(pattern)}`;
    }
  }
  return undefined;
}
