import { evaluateSshdConfig } from "../../../src/concerns/ssh/evaluateSshdConfig";
import { compliantSshdConfig, withSetting } from "../../policies/fixtures/resources";

describe("evaluateSshdConfig", () => {
  it("passes the drop-in rendered from the baseline, so the renderer and the rules agree", () => {
    expect(evaluateSshdConfig(compliantSshdConfig(), { complete: true })).toEqual([]);
  });

  it("reports each broken rule once, tagged with its rule", () => {
    let text = withSetting(compliantSshdConfig(), "PermitRootLogin", "yes");
    text = withSetting(text, "PasswordAuthentication", "yes");
    text = withSetting(text, "Ciphers", "aes128-cbc");
    expect(evaluateSshdConfig(text, { complete: true }).map((f) => f.rule)).toEqual(["root-login", "password-auth", "weak-algorithms"]);
  });

  it("judges `sshd -T` style output the same way as the config file", () => {
    const sshdT = compliantSshdConfig().split("\n").filter((l) => !l.startsWith("#")).map((l) => l.replace(/^(\S+)/, (k) => k.toLowerCase())).join("\n");
    expect(evaluateSshdConfig(sshdT, { complete: true, subject: "sshd -T output" })).toEqual([]);
    expect(evaluateSshdConfig(sshdT.replace("permitrootlogin no", "permitrootlogin without-password"), { complete: true })).toHaveLength(1);
  });
});
