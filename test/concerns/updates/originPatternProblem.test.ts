import { originPatternProblem } from "../../../src/concerns/updates/originPatternProblem";

describe("originPatternProblem", () => {
  test.each([
    "origin=Debian,codename=${distro_codename}-security,label=Debian-Security",
    "o=Google\\, Inc.,suite=contrib",
    "site=www.example.com,component=main",
  ])("accepts the Origins-Pattern %j", (p) => {
    expect(originPatternProblem(p)).toBeUndefined();
  });

  test("refuses a quote or semicolon, which would break out of the apt configuration entry", () => {
    expect(originPatternProblem('o=x"; APT::Periodic::Unattended-Upgrade "0')).toMatch(/^must not contain quotes, semicolons/);
  });

  test("refuses an unknown key and a pair without a value, naming the keys it takes", () => {
    expect(originPatternProblem("vendor=x")).toBe(
      'must be key=value pairs joined by commas with keys among origin, o, label, l, archive, a, suite, codename, n, component, c, site, not "vendor=x"',
    );
    expect(originPatternProblem("origin=")).toMatch(/^must be key=value pairs/);
  });
});
