import { sshdBaseline } from "../../../src/concerns/ssh/baseline";
import { parseSshdT, sshdDrift } from "../../../src/concerns/ssh/readBack";

/** What a host running the baseline prints in `sshd -T`: lowercase directives, the values as set. */
function liveBaseline(): string {
  return sshdBaseline("10.0").filter((s) => s.enforced).map((s) => `${s.directive.toLowerCase()} ${s.value}`).join("\n") + "\nport 22\n";
}

test("a host that runs the baseline shows no drift", () => {
  expect(sshdDrift(liveBaseline(), "10.0")).toEqual([]);
});

test("one changed value is one drift entry naming the directive, the wanted and the live value", () => {
  expect(sshdDrift(liveBaseline().replace("permitrootlogin no", "permitrootlogin prohibit-password"), "10.0")).toEqual([{ directive: "PermitRootLogin", want: "no", got: "prohibit-password" }]);
});

test("a setting sshd does not print at all is drift too, not a pass", () => {
  const text = liveBaseline().split("\n").filter((l) => !l.startsWith("passwordauthentication ")).join("\n");
  expect(sshdDrift(text, "10.0").map((d) => d.directive)).toEqual(["PasswordAuthentication"]);
});

test("a Debian 13 baseline read back from a Debian 12 host is drift: the key exchanges differ per OpenSSH series", () => {
  expect(sshdDrift(liveBaseline(), "9.2").map((d) => d.directive)).toEqual(["KexAlgorithms", "MACs"]);
});

test("parseSshdT keeps the first value of a directive, as sshd applies it", () => {
  expect(parseSshdT("port 22\nport 2222\n").get("port")).toBe("22");
});
