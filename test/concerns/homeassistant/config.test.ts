import { homeAssistantSchema } from "../../../src/concerns/homeassistant/config";
import { TEST_IMAGE } from "./haTestFixtures";

const valid = () => ({ image: TEST_IMAGE, owner: { name: "Alex", username: "alex", password: "correct horse battery" } });
const messages = (v: unknown): string[] => {
  const r = homeAssistantSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("homeAssistant config", () => {
  test("the least a user writes is valid, and the defaults turn bans on with a threshold of 5", () => {
    const r = homeAssistantSchema.parse(valid());
    expect(r).toMatchObject({ port: 8123, http: { ipBanEnabled: true, loginAttemptsThreshold: 5, trustedProxies: [] }, trustedNetworks: { networks: [], allowBypassLogin: false }, devices: [], secrets: {} });
  });

  test("an image without a digest is refused with an example, since a tag moves under the host", () => {
    expect(messages({ ...valid(), image: "ghcr.io/home-assistant/home-assistant:stable" })).toEqual([
      'image: must be an image pinned by digest, like ghcr.io/home-assistant/home-assistant:2026.11.0@sha256:<64 hex digits>, not "ghcr.io/home-assistant/home-assistant:stable"',
    ]);
  });

  test("a short owner password is refused: the UI is reachable from the LAN and the VPN", () => {
    expect(messages({ ...valid(), owner: { ...valid().owner, password: "short" } })).toEqual(["owner.password: must be at least 12 characters (the UI is reachable from the LAN and the VPN)"]);
  });

  test("Home Assistant's never-ban threshold -1 is refused, naming why", () => {
    expect(messages({ ...valid(), http: { loginAttemptsThreshold: -1 } })).toEqual(["http.loginAttemptsThreshold: must be 1 or more (Home Assistant's -1 never bans), not -1"]);
  });

  test("a trusted network that overlaps a trusted proxy is refused: every request through the proxy would skip the login", () => {
    expect(messages({ ...valid(), http: { trustedProxies: ["192.168.1.5/32"] }, trustedNetworks: { networks: ["192.168.1.0/24"] } })).toEqual([
      "trustedNetworks.networks.0: must not overlap the trusted proxy 192.168.1.5/32, not 192.168.1.0/24: every request through the proxy would come from a trusted network",
    ]);
  });

  test("bypassing the login is allowed for single hosts only", () => {
    expect(messages({ ...valid(), trustedNetworks: { networks: ["192.168.1.5/32"], allowBypassLogin: true } })).toEqual([]);
    expect(messages({ ...valid(), trustedNetworks: { networks: ["192.168.1.0/24"], allowBypassLogin: true } })).toEqual([
      "trustedNetworks.networks.0: must be a single host (/32 or /128) while allowBypassLogin is true, not 192.168.1.0/24",
    ]);
  });

  test("a device given by a path that can change between boots is refused", () => {
    expect(messages({ ...valid(), devices: ["/dev/sda"] })).toEqual(['devices.0: must be /dev/serial/by-id/… (or /dev/ttyUSBn, /dev/ttyACMn), not "/dev/sda"']);
  });
});
