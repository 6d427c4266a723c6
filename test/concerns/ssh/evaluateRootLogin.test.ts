import { evaluateRootLogin } from "../../../src/concerns/ssh/evaluateRootLogin";

const complete = { complete: true };

describe("evaluateRootLogin", () => {
  it("passes PermitRootLogin no", () => {
    expect(evaluateRootLogin("PermitRootLogin no\n", complete)).toEqual([]);
  });

  it("fails PermitRootLogin yes with a one-sentence message naming the line", () => {
    expect(evaluateRootLogin("UseDNS no\nX11Forwarding no\nPermitRootLogin yes\n").map((f) => f.message)).toEqual([
      "sshd_config must not set PermitRootLogin to yes; found `PermitRootLogin yes` on line 3.",
    ]);
  });

  it.each(["prohibit-password", "without-password", "forced-commands-only"])("fails %s because root can still log in with a key", (value) => {
    expect(evaluateRootLogin(`PermitRootLogin ${value}\n`)).toHaveLength(1);
  });

  it("fails a Match block that lets root in, naming the block", () => {
    const [f] = evaluateRootLogin("PermitRootLogin no\nMatch Address 192.168.1.0/24\n  PermitRootLogin yes\n", complete);
    expect(f.message).toBe(
      "sshd_config must not set PermitRootLogin to yes; found `PermitRootLogin yes` on line 3 inside `Match Address 192.168.1.0/24` (line 2).",
    );
  });

  it("fails a later duplicate too, since reordering the file would make it live", () => {
    expect(evaluateRootLogin("PermitRootLogin no\nPermitRootLogin yes\n")).toHaveLength(1);
  });

  it("fails a complete config without the directive, because OpenSSH's default is prohibit-password", () => {
    expect(evaluateRootLogin("UseDNS no\n", { ...complete, subject: "ha-pi:/x.conf" })[0].message).toBe(
      "ha-pi:/x.conf must set PermitRootLogin no; it is not set, so OpenSSH's default prohibit-password applies.",
    );
  });

  it("passes a partial override that does not touch it", () => {
    expect(evaluateRootLogin("UseDNS no\n")).toEqual([]);
  });

  it("reads `sshd -T` output (lowercase keys)", () => {
    expect(evaluateRootLogin("permitrootlogin without-password\n", complete)[0].message).toContain("must not set PermitRootLogin to without-password");
  });

  it("compares the value case-insensitively like sshd", () => {
    expect(evaluateRootLogin("PermitRootLogin No\n", complete)).toEqual([]);
  });
});
