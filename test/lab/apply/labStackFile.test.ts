import * as YAML from "yaml";
import { labStackFile, saltOf, withoutSecureValues } from "../../../src/lab/apply/labStackFile";

const STACK = `encryptionsalt: v1:committed:salt
config:
  ha-hardened-host:hosts:
    - name: lab
      address: 198.18.10.2
      automationKey:
        secure: v1:placeholder
      hostKeys:
        rsa:
          secure: v1:other
        ed25519Public: ssh-ed25519 AAAAexample
`;

test("secure: values are dropped wherever they sit, everything else is kept as it was", () => {
  const cfg = YAML.parse(STACK).config;
  expect(withoutSecureValues(cfg)).toEqual({ "ha-hardened-host:hosts": [{ name: "lab", address: "198.18.10.2", hostKeys: { ed25519Public: "ssh-ed25519 AAAAexample" } }] });
});

test("the working copy takes the lab's overrides at their config paths and never the committed file's salt", () => {
  const out = YAML.parse(labStackFile(STACK, { "ha-hardened-host:hosts[0].address": "198.18.7.2", "ha-hardened-host:hosts[0].sshd.extraSettings.MaxSessions": 2 }));
  expect(out.encryptionsalt).toBeUndefined();
  expect(out.config["ha-hardened-host:hosts"][0]).toMatchObject({ address: "198.18.7.2", sshd: { extraSettings: { MaxSessions: 2 } } });
  expect(JSON.stringify(out)).not.toContain("secure");
});

test("the previous working copy's salt is kept, so the secrets set under it stay readable", () => {
  const previous = labStackFile(STACK, {}, "v1:previous:salt");
  expect(saltOf(previous)).toBe("v1:previous:salt");
  expect(saltOf("config: {}\n")).toBeUndefined();
});
