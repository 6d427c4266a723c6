import { HA_IMAGE_COVERAGE } from "../../../src/lab/haImage/haImageCoverage";
import { HA_IMAGE_PINS, HA_IMAGE_PINS_YAML_HTTP } from "../../../src/lab/haImage/haImagePins";
import { wheelhouseKey, wheelhouseRequirements } from "../../../src/lab/haImage/fetchWheelhouse";
import { haImageKey } from "../../../src/lab/haImage/buildHaImage";

describe("Home Assistant image pins", () => {
  test.each([HA_IMAGE_PINS, HA_IMAGE_PINS_YAML_HTTP])("every requirement of $homeassistant is pinned exactly, and each pin carries its reason", (pins) => {
    for (const line of wheelhouseRequirements(pins)) expect(line).toMatch(/^[A-Za-z0-9._-]+==[0-9][0-9A-Za-z.]*$/);
    const all = [...pins.requirements, ...pins.builtFromSource, ...pins.markerRequirements, ...pins.withoutWheel, ...pins.debianPackages];
    for (const p of all) expect(p.reason.trim()).not.toBe("");
  });

  test("the older image is a release before 2026.8 (it must read its http settings from YAML, or the lab proves nothing of that path), the newest one is not, and their caches are apart", () => {
    const release = (v: string) => v.split(".").slice(0, 2).map(Number);
    expect(release(HA_IMAGE_PINS_YAML_HTTP.homeassistant)).toEqual([2026, 7]);
    const [major, minor] = release(HA_IMAGE_PINS.homeassistant);
    expect(major * 100 + minor).toBeGreaterThanOrEqual(202608);
    expect(wheelhouseKey(HA_IMAGE_PINS_YAML_HTTP)).not.toBe(wheelhouseKey(HA_IMAGE_PINS));
  });

  test("the wheelhouse resolves Home Assistant and its frontend at the pinned releases, never a requirement without a wheel", () => {
    const reqs = wheelhouseRequirements();
    expect(reqs).toContain(`homeassistant==${HA_IMAGE_PINS.homeassistant}`);
    expect(reqs).toContain(`home-assistant-frontend==${HA_IMAGE_PINS.frontend}`);
    for (const p of HA_IMAGE_PINS.withoutWheel) expect(reqs).not.toContain(p.name);
    for (const p of HA_IMAGE_PINS.builtFromSource) expect(p.name).toMatch(/==/);
  });

  test("the coverage names the same release and keeps covered and not-covered integrations apart", () => {
    expect(HA_IMAGE_COVERAGE.release).toBe(HA_IMAGE_PINS.homeassistant);
    const covered = new Set<string>(HA_IMAGE_COVERAGE.integrations);
    for (const need of ["onboarding", "auth", "http", "frontend", "api", "websocket_api", "person", "analytics"]) expect(covered.has(need)).toBe(true);
    for (const n of HA_IMAGE_COVERAGE.notCovered) expect(covered.has(n.name)).toBe(false);
  });

  test("the cache keys are 16 hex digits and the image key follows the wheelhouse", () => {
    expect(wheelhouseKey()).toMatch(/^[0-9a-f]{16}$/);
    expect(haImageKey("a".repeat(16))).not.toBe(haImageKey("b".repeat(16)));
  });
});
