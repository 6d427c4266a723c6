import { classifyFailure, parseApplyArgs, runApplyCommand } from "../../../src/lab/apply/applyCommand";

test("--stack is required and --config takes PROJECT:PATH=VALUE with JSON values, as `pulumi config set --path` does", () => {
  expect(() => parseApplyArgs([])).toThrow(/--stack is required/);
  const a = parseApplyArgs(["--stack", "lab", "--name", "t1", "--config", "ha-hardened-host:hosts[0].admin.authorizedKeys=[]", "--config=ha-hardened-host:hosts[0].sshd.extraSettings.MaxSessions=lots"]);
  expect(a).toMatchObject({ stack: "lab", name: "t1", config: { "ha-hardened-host:hosts[0].admin.authorizedKeys": [], "ha-hardened-host:hosts[0].sshd.extraSettings.MaxSessions": "lots" } });
  expect(() => parseApplyArgs(["--stack", "lab", "--config", "noproject=1"])).toThrow(/--config must be PROJECT:KEY.PATH=VALUE/);
  expect(() => parseApplyArgs(["--stack", "lab", "--name", "Bad Name"])).toThrow(/lab name must match/);
});

test("a lab that is not running is named with the command that starts it, and nothing else happens", async () => {
  const err: string[] = [];
  const code = await runApplyCommand(["--stack", "lab", "--name", "nosuchlab1"], () => undefined, (l) => err.push(l));
  expect(code).toBe(1);
  expect(err.join("\n")).toMatch(/lab "nosuchlab1" is not running; start it with: npm run lab -- up --name nosuchlab1/);
});

test("bad usage exits 2 with the usage text", async () => {
  const err: string[] = [];
  expect(await runApplyCommand(["--bogus"], () => undefined, (l) => err.push(l))).toBe(2);
  expect(err.join("\n")).toMatch(/unknown argument "--bogus"[\s\S]*usage: npm run lab -- apply --stack NAME/);
});

test("--preview and everything after -- are passed on to pulumi", () => {
  expect(parseApplyArgs(["--stack", "lab", "--preview", "--", "--expect-no-changes", "--diff"])).toMatchObject({ preview: true, pulumiArgs: ["--expect-no-changes", "--diff"] });
});

test("a failed up is told apart by what the CLI printed: a mandatory violation or a config problem never reached the host", () => {
  const policy = "Policies:\n    ❌ ha-securing-checklist@v0.1.0 (local: policies)\n        - [mandatory] [severity: high]  ssh-password-auth-disabled  (command:remote:Command: lab-sshd-config)\n        - [mandatory] [severity: high]  ssh-password-auth-disabled  (command:remote:Command: lab-bootstrap-sshd-config)\n";
  expect(classifyFailure(policy)).toEqual({ code: 1, reason: "refused: 2 mandatory policy violation(s)", touchedHost: false });
  const config = "Diagnostics:\n  pulumi:pulumi:Stack (ha-hardened-host-lab):\n    error: the stack config has 1 problem:\n      ha-hardened-host:hosts[0].address: is missing\n";
  expect(classifyFailure(config)).toEqual({ code: 2, reason: "refused: the stack config is invalid", touchedHost: false });
  const step = "  command:remote:Command (lab-sshd-config):\n    error: Process exited with status 1: running \"…\"\n";
  expect(classifyFailure(step)).toMatchObject({ code: 1, touchedHost: true });
});
