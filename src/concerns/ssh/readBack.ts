import type { OpensshSeries } from "./algorithms";
import { sshdBaseline } from "./baseline";

/** `sshd -T` output as directive (lowercase, as sshd prints it) -> its first value. */
export function parseSshdT(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split("\n")) {
    const sp = line.indexOf(" ");
    if (sp > 0 && !m.has(line.slice(0, sp))) m.set(line.slice(0, sp), line.slice(sp + 1).trim());
  }
  return m;
}

export interface SshdDrift {
  directive: string;
  want: string;
  got: string | undefined;
}

/** The live read-back: every enforced baseline setting whose value on the host (`sshd -T`) differs from the host's baseline. */
export function sshdDrift(sshdT: string, openssh: OpensshSeries): SshdDrift[] {
  const live = parseSshdT(sshdT);
  return sshdBaseline(openssh).filter((s) => s.enforced)
    .map((s) => ({ directive: s.directive, want: s.value.toLowerCase(), got: live.get(s.directive.toLowerCase())?.toLowerCase() }))
    .filter((d) => d.want !== d.got);
}
