import { parseApplyArgs, runApplyCommand } from "../../../src/lab/apply/applyCommand";

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
