import { renderHaUnit } from "../../../../src/concerns/homeassistant/renderHaUnit";
import { HOST } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";
import { haUnitStep, QUADLET } from "../haPolicyFixtures";
import { haBaseline, TEST_IMAGE } from "../haTestFixtures";

const POLICY = "ha-image-pinned";
const pack = usePack();
const SUBJECT = `${HOST}:${QUADLET}`;

describe(POLICY, () => {
  it("passes an image pinned by digest, in a Quadlet file and in a plain unit's podman run alike", async () => {
    expect(await messagesOf(pack(), POLICY, haUnitStep())).toEqual([]);
    expect(await messagesOf(pack(), POLICY, haUnitStep(renderHaUnit(haBaseline(), { podmanQuadlet: false }).content))).toEqual([]);
  });

  it("fails a tag without a digest, as a mandatory violation: the tag moves under the host", async () => {
    const content = (haUnitStep().inputs.stdin as string).replace(TEST_IMAGE, "ghcr.io/home-assistant/home-assistant:stable");
    const [d] = (await pack().analyze(haUnitStep(content))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({ enforcementLevel: "mandatory", message: `${SUBJECT} must run an image pinned by digest (name@sha256:…), not ghcr.io/home-assistant/home-assistant:stable.` });
  });
});
