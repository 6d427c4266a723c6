/** What an apt configuration file does, in order: set a value, append to a list, or clear a subtree. */
export type AptConfOp = { op: "set"; key: string; value: string } | { op: "append"; key: string; value: string } | { op: "clear"; key: string };

/** Reads an apt.conf(5) text, or throws with the line that does not parse. Keys keep their case; apt compares them case-insensitively. */
export function parseAptConf(text: string): AptConfOp[] {
  type Tok = { t: "word" | "str" | "{" | "}" | ";" | "clear"; v: string; line: number };
  const toks: Tok[] = [];
  let line = 1;
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === "\n") { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (text.startsWith("//", i)) { while (i < text.length && text[i] !== "\n") i++; continue; }
    if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) throw new Error(`line ${line}: an unterminated /* comment`);
      line += (text.slice(i, end).match(/\n/g) ?? []).length;
      i = end + 2;
      continue;
    }
    if (c === "#") {
      const m = /^#(clear|include)\b/.exec(text.slice(i));
      if (m?.[1] === "clear") { toks.push({ t: "clear", v: "#clear", line }); i += m[0].length; continue; }
      if (m?.[1] === "include") throw new Error(`line ${line}: #include cannot be judged`);
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0 || text.slice(i, end).includes("\n")) throw new Error(`line ${line}: an unterminated quoted value`);
      toks.push({ t: "str", v: text.slice(i + 1, end), line });
      i = end + 1;
      continue;
    }
    if (c === "{" || c === "}" || c === ";") { toks.push({ t: c, v: c, line }); i++; continue; }
    const m = /^[^\s"{};]+/.exec(text.slice(i))!;
    toks.push({ t: "word", v: m[0], line });
    i += m[0].length;
  }

  const ops: AptConfOp[] = [];
  const scope: string[] = [];
  const join = (key: string): string => [...scope, key].filter((k) => k !== "").join("::").replace(/::$/, "");
  for (let k = 0; k < toks.length; ) {
    const tok = toks[k];
    const expect = (t: Tok["t"]): void => {
      if (toks[k]?.t !== t) throw new Error(`line ${toks[k]?.line ?? tok.line}: expected ${t === "str" ? "a quoted value" : `"${t}"`} after ${tok.v}`);
      k++;
    };
    if (tok.t === "clear") {
      k++;
      const key = toks[k];
      if (key?.t !== "word") throw new Error(`line ${tok.line}: #clear needs a key`);
      k++;
      expect(";");
      ops.push({ op: "clear", key: join(key.v) });
    } else if (tok.t === "}") {
      if (scope.length === 0) throw new Error(`line ${tok.line}: "}" without "{"`);
      scope.pop();
      k++;
      if (toks[k]?.t === ";") k++;
    } else if (tok.t === "str") {
      // A bare value inside a block: a list entry of the block's key.
      k++;
      expect(";");
      if (scope.length === 0) throw new Error(`line ${tok.line}: a value without a key`);
      ops.push({ op: "append", key: join(""), value: tok.v });
    } else if (tok.t === "word") {
      k++;
      const next = toks[k];
      if (next?.t === "{") {
        k++;
        scope.push(tok.v.replace(/::$/, ""));
      } else if (next?.t === "str") {
        k++;
        expect(";");
        if (tok.v.endsWith("::")) ops.push({ op: "append", key: join(tok.v.slice(0, -2)), value: next.v });
        else ops.push({ op: "set", key: join(tok.v), value: next.v });
      } else throw new Error(`line ${tok.line}: ${tok.v} must be followed by a quoted value or a block`);
    } else throw new Error(`line ${tok.line}: unexpected "${tok.v}"`);
  }
  if (scope.length) throw new Error(`the block ${scope.join("::")} is not closed`);
  return ops;
}
