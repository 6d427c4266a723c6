/** Text from a remote command, made safe to print: secrets and private key blocks masked, only the tail kept. */
export function scrubText(text: string, secrets: string[], maxLines = 12): string {
  let out = text.replace(/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, "[private key]");
  const needles = new Set<string>();
  for (const s of secrets) {
    if (s.length >= 6) needles.add(s);
    for (const line of s.split("\n")) if (line.trim().length >= 8) needles.add(line.trim());
  }
  for (const n of [...needles].sort((a, b) => b.length - a.length)) out = out.split(n).join("[secret]");
  const lines = out.split("\n");
  return lines.slice(-maxLines).join("\n");
}
