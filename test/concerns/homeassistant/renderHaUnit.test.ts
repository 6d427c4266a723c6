import { execFileSync } from "child_process";
import { renderHaUnit } from "../../../src/concerns/homeassistant/renderHaUnit";
import { haBaseline, TEST_IMAGE } from "./haTestFixtures";

describe("renderHaUnit", () => {
  test("where Podman has Quadlet, the unit is a .container file: the pinned image, host network, the config mounted, no-new-privileges, started at boot", () => {
    const unit = renderHaUnit(haBaseline(), { podmanQuadlet: true });
    expect(unit).toMatchObject({ format: "quadlet", file: "homeassistant.container" });
    const lines = unit.content.split("\n");
    expect(lines).toEqual(expect.arrayContaining([`Image=${TEST_IMAGE}`, "Network=host", "Volume=/var/lib/homeassistant/config:/config", "NoNewPrivileges=true", "Restart=always", "WantedBy=default.target"]));
    expect(unit.content).not.toMatch(/privileged|UserNS=host|AddDevice|GroupAdd/);
  });

  test("where Podman has no Quadlet (Debian 12), a plain user service runs the same container with the same settings", () => {
    const unit = renderHaUnit(haBaseline(), { podmanQuadlet: false });
    expect(unit).toMatchObject({ format: "systemd", file: "homeassistant.service" });
    const exec = /^ExecStart=(.*)$/m.exec(unit.content)![1];
    execFileSync("bash", ["-n", "-c", exec]);
    expect(exec).toBe(`/usr/bin/podman run --rm --replace --cgroups=split --sdnotify=conmon -d --name homeassistant --network host --volume /var/lib/homeassistant/config:/config --security-opt no-new-privileges --umask=0027 --log-driver journald ${TEST_IMAGE}`);
    expect(unit.content).toContain("Restart=always");
  });

  test("radio sticks are passed by path and reached through the user's own groups, never by --privileged", () => {
    const ha = { ...haBaseline(), devices: ["/dev/serial/by-id/usb-ITead_Sonoff_Zigbee-if00-port0"] };
    const quadlet = renderHaUnit(ha, { podmanQuadlet: true }).content;
    expect(quadlet).toContain("AddDevice=/dev/serial/by-id/usb-ITead_Sonoff_Zigbee-if00-port0\nGroupAdd=keep-groups");
    expect(renderHaUnit(ha, { podmanQuadlet: false }).content).toContain("--device /dev/serial/by-id/usb-ITead_Sonoff_Zigbee-if00-port0 --group-add keep-groups");
  });
});
