import { STRONG_CIPHERS } from "../../../src/concerns/ssh/algorithms";
import { evaluateWeakAlgorithms, producedAlgorithms } from "../../../src/concerns/ssh/evaluateWeakAlgorithms";
import { compliantSshdConfig } from "../../policies/fixtures/resources";

describe("evaluateWeakAlgorithms", () => {
  it("fails a full list with one weak cipher, naming only that one", () => {
    expect(evaluateWeakAlgorithms(`Ciphers ${STRONG_CIPHERS.join(",")},aes256-cbc\n`)[0].message).toBe(
      `sshd_config must not enable weak Ciphers aes256-cbc; found \`Ciphers ${STRONG_CIPHERS.join(",")},aes256-cbc\` on line 1.`,
    );
  });

  it("fails `+x` with a weak x, judged as OpenSSH's default plus x", () => {
    expect(evaluateWeakAlgorithms("Ciphers +3des-cbc\n")[0].message).toBe(
      "sshd_config must not enable weak Ciphers 3des-cbc; found `Ciphers +3des-cbc` on line 1, which edits OpenSSH's default list.",
    );
  });

  it("passes `+x` with a strong x when the default itself is inside the allowlist (Ciphers)", () => {
    expect(evaluateWeakAlgorithms("Ciphers +aes256-gcm@openssh.com\n")).toEqual([]);
  });

  it("fails `+x` on MACs even for a strong x, because the default keeps hmac-sha1 and the non-etm MACs", () => {
    expect(evaluateWeakAlgorithms("MACs +hmac-sha2-512-etm@openssh.com\n")[0].message).toContain("hmac-sha1");
  });

  it("fails `^x`, which puts x first and keeps the default's weak entries", () => {
    expect(evaluateWeakAlgorithms("KexAlgorithms ^curve25519-sha256\n")[0].message).toContain("ecdh-sha2-nistp256");
  });

  it("passes `-` when it removes every weak default entry, and supports wildcards as sshd does", () => {
    expect(producedAlgorithms("kexalgorithms", "-ecdh-*,diffie-hellman-group14-sha256").list).not.toContain("ecdh-sha2-nistp256");
    expect(evaluateWeakAlgorithms("KexAlgorithms -ecdh-*,diffie-hellman-group14-sha256\n")).toEqual([]);
  });

  it("fails `-` that leaves a weak default entry in", () => {
    expect(evaluateWeakAlgorithms("KexAlgorithms -ecdh-sha2-nistp256\n")[0].message).toContain("ecdh-sha2-nistp384");
  });

  it("accepts the bare name sntrup761x25519-sha512, the standard name of an allowlisted algorithm", () => {
    expect(evaluateWeakAlgorithms("KexAlgorithms sntrup761x25519-sha512,curve25519-sha256\n")).toEqual([]);
  });

  it("fails weak algorithms inside a Match block", () => {
    expect(evaluateWeakAlgorithms("Match User old\n  PubkeyAcceptedAlgorithms ssh-rsa\n")[0].message).toContain("inside `Match User old`");
  });

  it("fails a complete config that leaves a list to OpenSSH's default", () => {
    const text = compliantSshdConfig().replace(/^MACs .*\n/m, "");
    expect(evaluateWeakAlgorithms(text, { complete: true })[0].message).toMatch(/^sshd_config must set MACs; it is not set, so OpenSSH's default enables weak umac-64-etm@openssh.com/);
  });

  it("lets policy config allow an extra name, but never a SHA-1 one", () => {
    expect(evaluateWeakAlgorithms("HostKeyAlgorithms ssh-ed25519,ecdsa-sha2-nistp256\n", { allowedExtraAlgorithms: ["ecdsa-sha2-nistp256"] })).toEqual([]);
    expect(evaluateWeakAlgorithms("MACs hmac-sha1\n", { allowedExtraAlgorithms: ["hmac-sha1"] })).toHaveLength(1);
  });

  it("judges `sshd -T` output, where every list is printed in full", () => {
    expect(evaluateWeakAlgorithms("casignaturealgorithms ssh-ed25519,ecdsa-sha2-nistp256\n")[0].message).toContain("casignaturealgorithms ecdsa-sha2-nistp256");
  });
});
