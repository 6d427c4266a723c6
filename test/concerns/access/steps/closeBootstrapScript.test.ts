import { remoteScript } from "../../../../src/core/remoteScript";
import { CLOSE_BOOTSTRAP_SCRIPT } from "../../../../src/concerns/access/steps/closeBootstrapScript";
import { IsolatedHost } from "../../../support/isolatedHost";

const bootstrapKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHu2bS353wUnHrDOEmJOL3e7kFHITh9pDL6OEhYLqPw8";
const otherKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKC99jv8VsyMd4m/5LwiCLEmD7qFrDBtZR1etiQbFnCS me@laptop";
const create = remoteScript({ manifest: { kind: "script", host: "t", purpose: "close" }, step: "t-close-bootstrap", script: CLOSE_BOOTSTRAP_SCRIPT, args: ["pi"], user: "root" });

describe("close-bootstrap script (isolated copy of /etc and /home)", () => {
  let host: IsolatedHost;
  beforeAll(() => {
    host = new IsolatedHost();
    host.run(`useradd -m pi && install -d -m 0700 -o pi -g pi /home/pi/.ssh && printf '%s\\n' 'from="10.0.0.1" ${bootstrapKey} bootstrap' '${otherKey}' > /home/pi/.ssh/authorized_keys && chown pi:pi /home/pi/.ssh/authorized_keys && chmod 600 /home/pi/.ssh/authorized_keys`);
  });
  afterAll(() => host.cleanup());

  test("removes only the bootstrap key line (options and comment included), keeps owner and mode; a re-run is unchanged", () => {
    const r = host.run(create, bootstrapKey + "\n");
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("changed /home/pi/.ssh/authorized_keys");
    expect(host.read("/home/pi/.ssh/authorized_keys")).toBe(otherKey + "\n");
    expect(host.run("stat -c '%a %U %G' /home/pi/.ssh/authorized_keys").stdout.trim()).toBe("600 pi pi");
    expect(host.run(create, bootstrapKey + "\n").stdout.trim()).toBe("unchanged /home/pi/.ssh/authorized_keys");
  });

  test("a missing bootstrap user is nothing to close", () => {
    const other = remoteScript({ manifest: { kind: "script", host: "t", purpose: "close" }, step: "s", script: CLOSE_BOOTSTRAP_SCRIPT, args: ["nobody-here"], user: "root" });
    expect(host.run(other, bootstrapKey + "\n").stdout).toMatch(/^unchanged \(no user nobody-here\)/);
  });
});
