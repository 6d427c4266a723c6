import { parseSshdConfig } from "../../../src/concerns/ssh/parseSshdConfig";

describe("parseSshdConfig", () => {
  it("lowercases keywords so PermitRootLogin and permitrootlogin are one setting, as in sshd", () => {
    const p = parseSshdConfig("PERMITROOTLOGIN no\n");
    expect(p.global.get("permitrootlogin")?.args).toEqual(["no"]);
    expect(p.global.get("permitrootlogin")?.written).toBe("PERMITROOTLOGIN");
  });

  it("accepts key=value and key = value because sshd splits on one '='", () => {
    const p = parseSshdConfig("PasswordAuthentication=no\nMaxAuthTries = 3\n");
    expect(p.global.get("passwordauthentication")?.args).toEqual(["no"]);
    expect(p.global.get("maxauthtries")?.args).toEqual(["3"]);
  });

  it("skips comment lines and cuts trailing comments, so a commented value is not read", () => {
    const p = parseSshdConfig("# PermitRootLogin yes\n  \nPermitRootLogin no # was yes\n");
    expect(p.directives).toHaveLength(1);
    expect(p.directives[0]).toMatchObject({ args: ["no"], line: 3 });
  });

  it("groups double-quoted arguments and keeps their spaces", () => {
    const p = parseSshdConfig('Banner "/etc/issue net"\nAllowUsers "a b" c\n');
    expect(p.global.get("banner")?.args).toEqual(["/etc/issue net"]);
    expect(p.global.get("allowusers")?.args).toEqual(["a b", "c"]);
  });

  it("reports an unterminated quote because sshd -t rejects it", () => {
    expect(parseSshdConfig('Banner "/etc/issue\n').problems).toEqual([{ line: 1, message: "Banner: unterminated quoted argument" }]);
  });

  it("keeps the first global value, as sshd does, and still lists later duplicates", () => {
    const p = parseSshdConfig("PermitRootLogin no\nPermitRootLogin yes\n");
    expect(p.global.get("permitrootlogin")?.line).toBe(1);
    expect(p.directives.map((d) => d.line)).toEqual([1, 2]);
  });

  it("tracks Match blocks with their condition, and keeps their settings out of the global values", () => {
    const p = parseSshdConfig("PasswordAuthentication no\nMatch User bob Address 10.0.0.0/8\n  PasswordAuthentication yes\n");
    expect(p.global.get("passwordauthentication")?.args).toEqual(["no"]);
    expect(p.matchBlocks).toEqual([{ condition: "User bob Address 10.0.0.0/8", line: 2 }]);
    expect(p.directives[1]).toMatchObject({ line: 3, match: { condition: "User bob Address 10.0.0.0/8", line: 2 } });
  });

  it("reads `sshd -T` output (lowercase keys, full lists)", () => {
    const p = parseSshdConfig("permitrootlogin no\nciphers aes256-ctr,aes128-ctr\n");
    expect(p.global.get("ciphers")?.args).toEqual(["aes256-ctr,aes128-ctr"]);
  });

  it("handles CRLF line endings from files edited on Windows", () => {
    expect(parseSshdConfig("PermitRootLogin no\r\nUseDNS no\r\n").global.get("permitrootlogin")?.args).toEqual(["no"]);
  });
});
