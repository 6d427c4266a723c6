import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isOpaqueSecret } from "../../src/core/opaqueSecret";
import { readStackFile, setAtPath, StackFileError } from "../../src/preview/readStackFile";

const STACK = `config:
  ha-hardened-host:hosts:
    - name: ha-pi
      address: 192.168.1.20
      automationKey:
        secure: v1:abc
      sshd:
        extraSettings: {}
  ha-hardened-host:other: plain
`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hh-stackfile-"));
  fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), STACK);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const hostsOf = (f: ReturnType<typeof readStackFile>) => JSON.parse(f.config["ha-hardened-host:hosts"]);

test("values come as the CLI passes them: text as text, structures as JSON, secure: values opaque and their keys secret", () => {
  const f = readStackFile(dir, "s");
  expect(f.config["ha-hardened-host:other"]).toBe("plain");
  expect(isOpaqueSecret(hostsOf(f)[0].automationKey)).toBe(true);
  expect(f.secretKeys).toEqual(["ha-hardened-host:hosts"]);
});

test("an override lands at its config path inside the structured value, the rest of the host untouched", () => {
  const f = readStackFile(dir, "s", { "ha-hardened-host:hosts[0].sshd.extraSettings.MaxAuthTries": "2", "ha-hardened-host:hosts[0].address": "198.18.1.2" });
  expect(hostsOf(f)[0]).toMatchObject({ name: "ha-pi", address: "198.18.1.2", sshd: { extraSettings: { MaxAuthTries: "2" } } });
});

test("an override of a key the file lacks creates it, and a secret override marks its top-level key secret", () => {
  const f = readStackFile(dir, "s", { "ha-hardened-host:fresh": "x", "ha-hardened-host:hosts[0].hostKeys.rsa": "key" }, ["ha-hardened-host:hosts[0].hostKeys.rsa"]);
  expect(f.config["ha-hardened-host:fresh"]).toBe("x");
  expect(hostsOf(f)[0].hostKeys).toEqual({ rsa: "key" });
  expect(f.secretKeys).toContain("ha-hardened-host:hosts");
  expect(f.secretKeys).not.toContain("ha-hardened-host:fresh");
});

test("setAtPath builds lists for numeric segments and maps otherwise", () => {
  const root: Record<string, unknown> = {};
  setAtPath(root, "a[1].b", 3);
  expect(root).toEqual({ a: [undefined, { b: 3 }] });
});

test("a missing or broken stack file is a StackFileError naming the file, not a stack trace", () => {
  expect(() => readStackFile(dir, "absent")).toThrow(StackFileError);
  expect(() => readStackFile(dir, "absent")).toThrow(/Pulumi\.absent\.yaml does not exist/);
  fs.writeFileSync(path.join(dir, "Pulumi.bad.yaml"), "config: [unclosed\n");
  expect(() => readStackFile(dir, "bad")).toThrow(/Pulumi\.bad\.yaml is not valid YAML/);
});
