import { aptConfValues } from "../../../src/concerns/updates/aptConfValues";
import { parseAptConf } from "../../../src/concerns/updates/parseAptConf";

const valuesOf = (text: string) => aptConfValues(parseAptConf(text));

describe("parseAptConf and aptConfValues", () => {
  test("reads scalars written flat or as nested blocks alike, keyed case-insensitively, the last value winning", () => {
    const v = valuesOf('APT::Periodic::Unattended-Upgrade "1";\nAPT { Periodic { unattended-upgrade "0"; }; };\n');
    expect(v.scalars.get("apt::periodic::unattended-upgrade")).toBe("0");
  });

  test("reads list entries from a block and from the `Key::` append form, in order", () => {
    const v = valuesOf('Unattended-Upgrade::Origins-Pattern { "o=A"; "o=B"; };\nUnattended-Upgrade::Origins-Pattern:: "o=C";\n');
    expect(v.lists.get("unattended-upgrade::origins-pattern")).toEqual(["o=A", "o=B", "o=C"]);
  });

  test("#clear empties a list and everything below it, so only entries after it remain (as apt does)", () => {
    const v = valuesOf('U::Origins-Pattern { "o=Old"; };\n#clear U::Origins-Pattern;\nU::Origins-Pattern { "o=New"; };\n');
    expect(v.lists.get("u::origins-pattern")).toEqual(["o=New"]);
    expect(v.cleared.has("u::origins-pattern")).toBe(true);
  });

  test("skips //, /* */ and # comments, but not the text of a quoted value", () => {
    const v = valuesOf('// a\n/* b\n c */ # d\nA::B "x // not a comment";\n');
    expect([...v.scalars]).toEqual([["a::b", "x // not a comment"]]);
  });

  test.each([
    ['A::B "x;\n', "line 1: an unterminated quoted value"],
    ['A { B "x";\n', "the block A is not closed"],
    ["A::B;\n", "line 1: A::B must be followed by a quoted value or a block"],
    ['#include "/tmp/x";\n', "line 1: #include cannot be judged"],
  ])("refuses %j, naming where it fails", (text, error) => {
    expect(() => parseAptConf(text)).toThrow(error);
  });
});
