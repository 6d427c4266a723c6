import { evaluatePasswordAuth } from "../../../src/concerns/ssh/evaluatePasswordAuth";

const OFF = "PasswordAuthentication no\nKbdInteractiveAuthentication no\n";

describe("evaluatePasswordAuth", () => {
  it("passes a config that switches both off", () => {
    expect(evaluatePasswordAuth(OFF + "AuthenticationMethods publickey\n", { complete: true })).toEqual([]);
  });

  it("fails PasswordAuthentication yes with the line", () => {
    expect(evaluatePasswordAuth("PasswordAuthentication yes\n").map((f) => f.message)).toEqual([
      "sshd_config must not set PasswordAuthentication to yes; found `PasswordAuthentication yes` on line 1.",
    ]);
  });

  it("fails keyboard-interactive, the PAM password prompt", () => {
    expect(evaluatePasswordAuth("KbdInteractiveAuthentication yes\n")[0].message).toContain("must not set KbdInteractiveAuthentication to yes");
  });

  it("fails the old name ChallengeResponseAuthentication, which sshd 9.2 still reads", () => {
    expect(evaluatePasswordAuth("ChallengeResponseAuthentication yes\n")[0].message).toContain("ChallengeResponseAuthentication");
  });

  it("fails PermitEmptyPasswords yes", () => {
    expect(evaluatePasswordAuth("PermitEmptyPasswords yes\n")).toHaveLength(1);
  });

  it("fails a Match block that turns passwords back on", () => {
    const [f] = evaluatePasswordAuth(OFF + "Match User guest\n PasswordAuthentication yes\n", { complete: true });
    expect(f.message).toContain("inside `Match User guest` (line 3)");
  });

  it.each(["password", "publickey,password", "keyboard-interactive:pam", "publickey publickey,keyboard-interactive"])(
    "fails AuthenticationMethods %s because it asks for a password",
    (methods) => {
      expect(evaluatePasswordAuth(OFF + `AuthenticationMethods ${methods}\n`)[0].message).toMatch(/must not list (password|keyboard-interactive)/);
    },
  );

  it("fails a complete config that leaves either off switch out, because OpenSSH's default is yes", () => {
    expect(evaluatePasswordAuth("PasswordAuthentication no\n", { complete: true }).map((f) => f.message)).toEqual([
      "sshd_config must set KbdInteractiveAuthentication no; it is not set, so OpenSSH's default yes applies.",
    ]);
  });

  it("accepts ChallengeResponseAuthentication no as the keyboard-interactive switch", () => {
    expect(evaluatePasswordAuth("PasswordAuthentication no\nChallengeResponseAuthentication no\n", { complete: true })).toEqual([]);
  });
});
