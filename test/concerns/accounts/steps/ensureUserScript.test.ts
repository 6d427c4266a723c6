import { remoteScript } from "../../../../src/core/remoteScript";
import { encodeUserSpec, UserSpec } from "../../../../src/core/stepManifest";
import { ENSURE_USER_SCRIPT } from "../../../../src/concerns/accounts/steps/ensureUserScript";
import { debianTools } from "../../../support/debianTools";
import { IsolatedHost } from "../../../support/isolatedHost";

const admin: UserSpec = {
  name: "hhadmin", system: false, home: "/home/hhadmin", shell: "/bin/bash", groups: ["sudo"], sudo: true,
  authorizedKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKC99jv8VsyMd4m/5LwiCLEmD7qFrDBtZR1etiQbFnCS me@laptop"],
};
const ha: UserSpec = { name: "homeassistant", system: true, home: "/var/lib/homeassistant", shell: "/usr/sbin/nologin", groups: [], sudo: false, authorizedKeys: [] };

const create = (name: string) =>
  remoteScript({ manifest: { kind: "user", host: "t", name }, step: `t-${name}`, script: ENSURE_USER_SCRIPT, args: ["/etc/sudoers.d"], user: "root" });

describe("ensure-user script (real useradd/usermod/visudo in an isolated copy of /etc and /home)", () => {
  let host: IsolatedHost;
  beforeAll(() => {
    host = new IsolatedHost([debianTools().bin]);
    host.run("getent group sudo >/dev/null || groupadd --system sudo");
    host.run("mkdir -p /etc/sudoers.d");
  });
  afterAll(() => host.cleanup());

  test("creates the admin with sudo group, a visudo-checked NOPASSWD rule, and keys 0600 in a 0700 .ssh; a re-run is unchanged", () => {
    const r = host.run(create("hhadmin"), encodeUserSpec(admin));
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("changed hhadmin");
    expect(host.run("id -Gn hhadmin").stdout.trim().split(" ").sort()).toEqual(["hhadmin", "sudo"]);
    expect(host.read("/etc/sudoers.d/ha-hardened-host-hhadmin")).toBe("hhadmin ALL=(ALL:ALL) NOPASSWD: ALL\n");
    expect(host.run("stat -c '%a %U' /etc/sudoers.d/ha-hardened-host-hhadmin /home/hhadmin/.ssh /home/hhadmin/.ssh/authorized_keys").stdout.trim().split("\n"))
      .toEqual(["440 root", "700 hhadmin", "600 hhadmin"]);
    expect(host.read("/home/hhadmin/.ssh/authorized_keys")).toBe(admin.authorizedKeys[0] + "\n");
    expect(host.run(create("hhadmin"), encodeUserSpec(admin)).stdout.trim()).toBe("unchanged hhadmin");
  });

  test("a changed key list is written, and a key removed from config is removed from the host", () => {
    const more = { ...admin, authorizedKeys: [...admin.authorizedKeys, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBKKCthoP7LbBjb2RaeytJOU4+uYGh9gHpvFxKUxgkNE other"] };
    expect(host.run(create("hhadmin"), encodeUserSpec(more)).stdout.trim()).toBe("changed hhadmin");
    expect(host.read("/home/hhadmin/.ssh/authorized_keys").trim().split("\n")).toHaveLength(2);
    expect(host.run(create("hhadmin"), encodeUserSpec(admin)).stdout.trim()).toBe("changed hhadmin");
    expect(host.read("/home/hhadmin/.ssh/authorized_keys")).toBe(admin.authorizedKeys[0] + "\n");
  });

  test("homeassistant: a system account with no login shell, a locked password, no groups, no sudo rule, no keys", () => {
    const r = host.run(create("homeassistant"), encodeUserSpec(ha));
    expect(r.stderr).toBe("");
    const entry = host.run("getent passwd homeassistant").stdout.trim().split(":");
    expect(entry[6]).toBe("/usr/sbin/nologin");
    expect(Number(entry[2])).toBeLessThan(1000);
    expect(host.run("passwd -S homeassistant").stdout.split(" ")[1]).toBe("L");
    expect(host.run("id -Gn homeassistant").stdout.trim()).toBe("homeassistant");
    expect(host.run("test -e /etc/sudoers.d/ha-hardened-host-homeassistant").status).not.toBe(0);
    expect(host.run(create("homeassistant"), encodeUserSpec(ha)).stdout.trim()).toBe("unchanged homeassistant");
  });

  test("drift is corrected: a sudo group, a login shell and a sudoers rule added by hand are taken away again", () => {
    host.run("usermod -aG sudo -s /bin/bash homeassistant && echo 'homeassistant ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/ha-hardened-host-homeassistant");
    expect(host.run(create("homeassistant"), encodeUserSpec(ha)).stdout.trim()).toBe("changed homeassistant");
    expect(host.run("id -Gn homeassistant").stdout.trim()).toBe("homeassistant");
    expect(host.run("getent passwd homeassistant").stdout.trim().split(":")[6]).toBe("/usr/sbin/nologin");
    expect(host.run("test -e /etc/sudoers.d/ha-hardened-host-homeassistant").status).not.toBe(0);
  });

  test("a spec with a bad name fails naming host, step and fix, and changes nothing", () => {
    const r = host.run(create("x"), encodeUserSpec({ ...ha, name: "Bad Name" }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("host t, step t-x: the user spec on stdin has no valid name; fix:");
  });
});
