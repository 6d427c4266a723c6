/**
 * A small, strict XML 1.0 parser for the JUnit tests (no XML parser is installed, and the report must stand on
 * its own): it accepts only well-formed documents — one root element, matching tags, unique attributes, quoted
 * attribute values, `<` and `&` only as markup or the predefined/numeric references, XML characters only, no
 * `]]>` in text — and throws on anything else. Comments and the XML declaration are allowed; DTDs, CDATA and
 * processing instructions are not (the report has none).
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (character data between its children), references resolved. */
  text: string;
}

const NAME = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function parseXml(src: string): XmlElement {
  if (!XML_CHAR.test(src)) throw new Error("the document holds a character XML does not allow");
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed at offset ${i}: ${why}`);
  };
  const ws = () => {
    while (i < src.length && " \t\r\n".includes(src[i])) i++;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(src);
    if (!m) return fail("a name was expected");
    i += m[0].length;
    return m[0];
  };
  const reference = (): string => {
    const end = src.indexOf(";", i);
    if (end < 0) return fail("an unterminated reference");
    const body = src.slice(i + 1, end);
    let value: string;
    if (/^#[0-9]+$/.test(body)) value = String.fromCodePoint(Number(body.slice(1)));
    else if (/^#x[0-9a-fA-F]+$/.test(body)) value = String.fromCodePoint(parseInt(body.slice(2), 16));
    else if (body in ENTITIES) value = ENTITIES[body];
    else return fail(`an unknown reference &${body};`);
    if (!XML_CHAR.test(value)) fail(`a reference to a character XML does not allow: &${body};`);
    i = end + 1;
    return value;
  };
  const comment = () => {
    const end = src.indexOf("-->", i + 4);
    if (end < 0) fail("an unterminated comment");
    if (src.slice(i + 4, end).includes("--")) fail("`--` inside a comment");
    i = end + 3;
  };
  const misc = () => {
    for (;;) {
      ws();
      if (src.startsWith("<!--", i)) comment();
      else return;
    }
  };
  const element = (): XmlElement => {
    if (src[i] !== "<") fail("`<` was expected");
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: "" };
    for (;;) {
      const before = i;
      ws();
      if (src.startsWith("/>", i)) {
        i += 2;
        return el;
      }
      if (src[i] === ">") {
        i++;
        break;
      }
      if (i === before) fail("whitespace was expected before an attribute");
      const attr = name();
      if (attr in el.attrs) fail(`attribute ${attr} is repeated`);
      ws();
      if (src[i] !== "=") fail("`=` was expected");
      i++;
      ws();
      const quote = src[i];
      if (quote !== '"' && quote !== "'") fail("a quoted attribute value was expected");
      i++;
      let value = "";
      while (src[i] !== quote) {
        if (i >= src.length) fail("an unterminated attribute value");
        if (src[i] === "<") fail("`<` inside an attribute value");
        if (src[i] === "&") {
          value += reference();
          continue;
        }
        // A literal tab or line break in an attribute value reads as a space (attribute-value normalisation).
        value += "\t\r\n".includes(src[i]) ? " " : src[i];
        i++;
      }
      i++;
      el.attrs[attr] = value;
    }
    for (;;) {
      if (i >= src.length) fail(`element ${el.name} is not closed`);
      if (src.startsWith("</", i)) {
        i += 2;
        if (name() !== el.name) fail(`the end tag does not match <${el.name}>`);
        ws();
        if (src[i] !== ">") fail("`>` was expected");
        i++;
        return el;
      }
      if (src.startsWith("<!--", i)) comment();
      else if (src.startsWith("<!", i) || src.startsWith("<?", i)) fail("CDATA, DTD and processing instructions are not expected here");
      else if (src[i] === "<") el.children.push(element());
      else if (src[i] === "&") el.text += reference();
      else {
        if (src.startsWith("]]>", i)) fail("`]]>` in character data");
        el.text += src[i++];
      }
    }
  };

  if (src.startsWith("<?xml", i)) {
    const end = src.indexOf("?>", i);
    if (end < 0) fail("an unterminated XML declaration");
    if (!/^<\?xml\s+version="1\.[0-9]+"(\s+encoding="[A-Za-z][A-Za-z0-9._-]*")?(\s+standalone="(yes|no)")?\s*\?>$/.test(src.slice(i, end + 2))) fail("a malformed XML declaration");
    i = end + 2;
  }
  misc();
  const root = element();
  misc();
  if (i !== src.length) fail("content after the root element");
  return root;
}

/** Every element named `name` under `el` (depth first, `el` included). */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => findAll(c, name))];
}
