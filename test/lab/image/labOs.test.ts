import { HOST_DEFAULTS } from "../../../src/core/defaults";
import { OS_IDS, OS_TABLE } from "../../../src/core/osTable";
import { imageKey, imageSpec } from "../../../src/lab/image/buildImage";
import { DEFAULT_LAB_OS, LAB_OS_IDS, LAB_OS_TABLE, parseLabOs } from "../../../src/lab/image/labOs";

describe("lab OS table", () => {
  test("the lab boots exactly the OS table's lab-tested releases, Debian 13 (the current stable) by default", () => {
    expect(LAB_OS_IDS).toEqual(["debian-13", "debian-12"]);
    expect(LAB_OS_IDS).toEqual(OS_IDS.filter((id) => OS_TABLE[id].labTested));
    expect(DEFAULT_LAB_OS).toBe("debian-13");
    expect(DEFAULT_LAB_OS).toBe(HOST_DEFAULTS.os.value);
    expect(Object.fromEntries(LAB_OS_IDS.map((id) => [id, LAB_OS_TABLE[id].suite]))).toEqual({ "debian-12": "bookworm", "debian-13": "trixie" });
  });

  test.each(LAB_OS_IDS)("%s builds from its own suite's main, updates and security, nothing else", (id) => {
    const { suite, sources } = LAB_OS_TABLE[id];
    expect(sources).toEqual([
      `deb http://deb.debian.org/debian ${suite} main`,
      `deb http://deb.debian.org/debian ${suite}-updates main`,
      `deb http://deb.debian.org/debian-security ${suite}-security main`,
    ]);
  });

  test("each OS has its own image key, stable across calls, and the default is debian-13's", () => {
    const keys = LAB_OS_IDS.map((id) => imageKey(id));
    expect(new Set(keys).size).toBe(LAB_OS_IDS.length);
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{16}$/);
    expect(imageKey("debian-12")).toBe(keys[1]);
    expect(imageKey()).toBe(imageKey("debian-13"));
  });

  test("the image key covers the OS's suite and sources", () => {
    expect(imageSpec("debian-13")).toMatchObject({ suite: "trixie", sources: LAB_OS_TABLE["debian-13"].sources });
    expect(imageSpec("debian-12")).toMatchObject({ suite: "bookworm", sources: LAB_OS_TABLE["debian-12"].sources });
  });

  test("an unknown OS is refused with the accepted ids", () => {
    expect(parseLabOs("debian-13")).toBe("debian-13");
    expect(() => parseLabOs("debian-11")).toThrow('--os must be one of debian-13, debian-12, got "debian-11"');
    expect(() => parseLabOs("toString")).toThrow(/--os must be one of/);
  });
});
