import { scrubText } from "../../../src/lab/apply/scrubText";

test("secrets and each long line of a multi-line secret are masked, so a partly echoed key never shows", () => {
  const key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nQyNTUxOQAAACDxyzxyzxyz\n-----END OPENSSH PRIVATE KEY-----\n";
  const text = `bad line: b3BlbnNzaC1rZXktdjEAAAAA\npassword was hunter2-long\n${key}`;
  const out = scrubText(text, [key, "hunter2-long"]);
  expect(out).not.toContain("b3BlbnNzaC1rZXktdjEAAAAA");
  expect(out).not.toContain("hunter2-long");
  expect(out).toContain("[private key]");
});

test("only the tail is kept: an error shows the last lines, where the cause is", () => {
  const text = Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n");
  expect(scrubText(text, [], 3)).toBe("line 27\nline 28\nline 29");
});
