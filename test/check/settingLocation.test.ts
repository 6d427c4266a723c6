import { StackFileLocator } from "../../src/check/settingLocation";
import { PASSWORD_FINDING } from "./fixtures";

// Baseline: a stack file whose first host sets one extra sshd setting, the second none.
const BASELINE = [
  "config:",
  "  ha-hardened-host:hosts:",
  "    - name: ha-pi",
  "      sshd:",
  "        extraSettings:",
  '          PasswordAuthentication: "yes"   # a comment is not part of the setting',
  "          MaxAuthTries: 3",
  "    - name: garage",
  "      sshd:",
  "        extraSettings: {}",
  "",
].join("\n");
const locate = (text: string, host: string, message: string) => new StackFileLocator(text, "ha-hardened-host").settingFor(host, message);

describe("StackFileLocator.settingFor", () => {
  it("finds the key the finding quotes, at its line and column, with the value and without the comment", () => {
    expect(locate(BASELINE, "ha-pi", PASSWORD_FINDING)).toEqual({
      configKey: "ha-hardened-host:hosts[0].sshd.extraSettings.PasswordAuthentication",
      startLine: 6,
      startColumn: 11,
      endLine: 6,
      endColumn: 40,
      snippet: 'PasswordAuthentication: "yes"',
    });
  });

  it("finds nothing for a host that sets no extra setting, because the bad line did not come from the stack file", () => {
    expect(locate(BASELINE, "garage", PASSWORD_FINDING.replace("ha-pi", "garage"))).toBeUndefined();
  });

  it("finds nothing for a host the file does not have, so the result falls back to its URN", () => {
    expect(locate(BASELINE, "attic", PASSWORD_FINDING)).toBeUndefined();
  });

  it("matches the key whatever its case, because sshd keywords are case-insensitive", () => {
    const text = BASELINE.replace("PasswordAuthentication", "passwordauthentication");
    expect(locate(text, "ha-pi", PASSWORD_FINDING)?.configKey).toBe("ha-hardened-host:hosts[0].sshd.extraSettings.passwordauthentication");
  });

  it("trusts the quoted directive over other words, so a finding about a baseline line is not pinned on an unrelated setting", () => {
    const text = BASELINE.replace('PasswordAuthentication: "yes"', "PermitRootLogin: no");
    expect(locate(text, "ha-pi", "must not set PasswordAuthentication to yes, unlike PermitRootLogin; found `PasswordAuthentication yes` on line 7.")).toBeUndefined();
  });

  it("falls back to a setting named as a whole word when the finding quotes no directive (a missing directive)", () => {
    expect(locate(BASELINE, "ha-pi", "sshd_config must set MaxAuthTries to 2 or fewer.")?.configKey).toBe("ha-hardened-host:hosts[0].sshd.extraSettings.MaxAuthTries");
  });

  it("finds the second host's setting under its own index, because the key path must name the right host", () => {
    const text = BASELINE.replace("        extraSettings: {}", "        extraSettings:\n          MACs: hmac-sha1");
    const at = locate(text, "garage", "must not enable weak MACs hmac-sha1; found `MACs hmac-sha1` on line 37.");
    expect(at).toMatchObject({ configKey: "ha-hardened-host:hosts[1].sshd.extraSettings.MACs", startLine: 11, startColumn: 11, snippet: "MACs: hmac-sha1" });
  });

  it("finds a list entry by its value quoted in the finding, at its index, because extra update origins are a list", () => {
    const text = BASELINE.replace("    - name: garage\n", '    - name: garage\n      updates:\n        extraOrigins:\n          - "origin=Debian,label=Debian"\n          - origin=Vendor,label=Vendor\n');
    const message = 'garage:/etc/apt/apt.conf.d/52ha-hardened-host-unattended must not allow "origin=Vendor,label=Vendor" in Unattended-Upgrade::Origins-Pattern, an origin beyond the distribution\'s, unless allowedExtraOrigins lists it.';
    expect(locate(text, "garage", message)).toMatchObject({
      configKey: "ha-hardened-host:hosts[1].updates.extraOrigins[1]",
      startLine: 12,
      startColumn: 13,
      snippet: "origin=Vendor,label=Vendor",
    });
  });

  it("finds no list entry whose value the finding does not quote, so an origin from elsewhere is not pinned on the file", () => {
    const text = BASELINE.replace("    - name: garage\n", "    - name: garage\n      updates:\n        extraOrigins:\n          - origin=Other,label=Other\n");
    expect(locate(text, "garage", 'garage:/etc/apt/x must not allow "origin=Vendor,label=Vendor" in Unattended-Upgrade::Origins-Pattern.')).toBeUndefined();
  });
});
