/** One `Keyword args…` line of an sshd_config text (or of `sshd -T` output). */
export interface SshdDirective {
  /** Lowercased keyword: sshd matches keywords case-insensitively. */
  keyword: string;
  /** The keyword as written, for messages. */
  written: string;
  /** Arguments after sshd's tokenising: whitespace-separated, double quotes group, `#` starts a comment. */
  args: string[];
  /** 1-based line number. */
  line: number;
  /** The line as written, trimmed. */
  text: string;
  /** The enclosing Match block, if any. */
  match?: SshdMatchBlock;
}

export interface SshdMatchBlock {
  /** The criteria after `Match`, as written. */
  condition: string;
  line: number;
}

export interface ParsedSshdConfig {
  /** Every directive in file order, Match blocks included (Match lines themselves are not directives). */
  directives: SshdDirective[];
  /** Global (outside any Match) effective value per keyword: the FIRST occurrence wins, as in sshd. */
  global: Map<string, SshdDirective>;
  matchBlocks: SshdMatchBlock[];
  /** Lines sshd would reject as malformed (e.g. an unterminated quote). */
  problems: { line: number; message: string }[];
}

/** Splits the argument part the way OpenSSH's argv_split does for sshd_config (comments end the line). */
function splitArgs(rest: string): { args: string[]; error?: string } {
  const args: string[] = [];
  let i = 0;
  while (i < rest.length) {
    while (i < rest.length && /\s/.test(rest[i])) i++;
    if (i >= rest.length) break;
    if (rest[i] === "#") break;
    let arg = "";
    let quoted = false;
    while (i < rest.length && (quoted || !/\s/.test(rest[i]))) {
      const c = rest[i];
      if (c === "\\" && (rest[i + 1] === '"' || rest[i + 1] === "\\")) {
        arg += rest[i + 1];
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = !quoted;
        i++;
        continue;
      }
      arg += c;
      i++;
    }
    if (quoted) return { args, error: "unterminated quoted argument" };
    args.push(arg);
  }
  return { args };
}

/** Parses sshd_config text; pure, never throws. */
export function parseSshdConfig(text: string): ParsedSshdConfig {
  const result: ParsedSshdConfig = { directives: [], global: new Map(), matchBlocks: [], problems: [] };
  let match: SshdMatchBlock | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    // Keyword ends at whitespace or `=`; one `=` (with optional spaces around it) may separate it from the value.
    const kw = /^([^\s=]+)\s*(?:=\s*)?(.*)$/.exec(trimmed);
    if (!kw) return;
    const written = kw[1];
    const keyword = written.toLowerCase();
    const { args, error } = splitArgs(kw[2]);
    if (error) result.problems.push({ line, message: `${written}: ${error}` });
    if (keyword === "match") {
      match = { condition: args.join(" "), line };
      result.matchBlocks.push(match);
      return;
    }
    const directive: SshdDirective = { keyword, written, args, line, text: trimmed, match };
    result.directives.push(directive);
    if (!match && !result.global.has(keyword)) result.global.set(keyword, directive);
  });
  return result;
}
