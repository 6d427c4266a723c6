import { SSHD_BASELINE } from "../../../src/concerns/ssh/baseline";
import { parseSshdT, sshdDrift } from "../../../src/concerns/ssh/readBack";

/** What a host running the baseline prints in `sshd -T`: lowercase directives, the values as set. */
function liveBaseline(): string {
  return SSHD_BASELINE.filter((s) => s.enforced).map((s) => `${s.directive.toLowerCase()} ${s.value}`).join("\n") + "\nport 22\n";
}

test("a host that runs the baseline shows no drift", () => {
  expect(sshdDrift(liveBaseline())).toEqual([]);
});

test("one changed value is one drift entry naming the directive, the wanted and the live value", () => {
  expect(sshdDrift(liveBaseline().replace("permitrootlogin no", "permitrootlogin prohibit-password"))).toEqual([{ directive: "PermitRootLogin", want: "no", got: "prohibit-password" }]);
});

test("a setting sshd does not print at all is drift too, not a pass", () => {
  const text = liveBaseline().split("\n").filter((l) => !l.startsWith("passwordauthentication ")).join("\n");
  expect(sshdDrift(text).map((d) => d.directive)).toEqual(["PasswordAuthentication"]);
});

test("parseSshdT keeps the first value of a directive, as sshd applies it", () => {
  expect(parseSshdT("port 22\nport 2222\n").get("port")).toBe("22");
});
