import { execFileSync } from "child_process";
import { haRunArgs } from "../../../src/lab/haImage/startHaRootless";
import { rootlessPodman } from "../../../src/concerns/homeassistant/rootlessPodman";
import { SUBORDINATE_RANGE } from "../../../src/concerns/homeassistant/haPackages";
import { haRootlessSetup } from "../../../src/lab/haImage/haRootlessSetup";

describe("rootless podman scripts", () => {
  test("the lab readies the user with the product's own script, for the product's range, without sudo (it runs as root)", () => {
    const s = haRootlessSetup("homeassistant");
    execFileSync("bash", ["-n", "-c", s]);
    expect(s).toMatch(/^# ha-hardened-host-step .*\nbash -c /);
    expect(s).toContain(`'homeassistant' '${SUBORDINATE_RANGE.start}' '${SUBORDINATE_RANGE.count}' 'no'`);
    expect(s).toContain("loginctl enable-linger");
  });

  test("podman runs as the user, in its own runtime dir, without the caller's TMPDIR, every argument quoted", () => {
    const cmd = rootlessPodman("homeassistant", ["run", "a b", "it's"]);
    execFileSync("bash", ["-n", "-c", cmd]);
    expect(cmd).toBe("cd / && runuser -u 'homeassistant' -- env -u TMPDIR XDG_RUNTIME_DIR=/run/user/$(id -u 'homeassistant') podman 'run' 'a b' 'it'\\''s'");
  });

  test("Home Assistant runs on the host network, keeps the user's UID inside, mounts only its config, from a pinned digest", () => {
    const args = haRunArgs({ user: "homeassistant", image: "localhost/home-assistant@sha256:ab", configDir: "/var/lib/homeassistant/config" });
    expect(args).toEqual(["run", "-d", "--replace", "--name", "homeassistant", "--network", "host", "--userns", "keep-id", "-v", "/var/lib/homeassistant/config:/config", "localhost/home-assistant@sha256:ab"]);
    expect(args.join(" ")).not.toMatch(/--privileged|--user(ns)?[= ]host|--cap-add/);
  });
});
