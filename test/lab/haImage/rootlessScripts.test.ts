import { execFileSync } from "child_process";
import { haRunArgs } from "../../../src/lab/haImage/startHaRootless";
import { rootlessPodman } from "../../../src/lab/haImage/rootlessPodman";
import { rootlessUserScript, SUBORDINATE_RANGE } from "../../../src/lab/haImage/rootlessUserScript";

describe("rootless podman scripts", () => {
  test("the user script is valid bash, adds one subuid and subgid range and enables linger", () => {
    const s = rootlessUserScript("homeassistant");
    execFileSync("bash", ["-n", "-c", s]);
    expect(s).toContain(`'homeassistant:${SUBORDINATE_RANGE.start}:65536'`);
    expect(s).toContain("/etc/subuid /etc/subgid");
    expect(s).toContain("loginctl enable-linger 'homeassistant'");
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
