import { HOST } from "../../../policies/fixtures/resources";
import { messagesOf, usePack } from "../../../policies/fixtures/startPack";
import { haUnitStep, QUADLET } from "../haPolicyFixtures";

const POLICY = "ha-runs-rootless";
const pack = usePack();
const SUBJECT = `${HOST}:${QUADLET}`;
const unit = () => haUnitStep().inputs.stdin as string;

describe(POLICY, () => {
  it("passes the unit as the program renders it: the homeassistant user's rootless Podman, no-new-privileges", async () => {
    expect(await messagesOf(pack(), POLICY, haUnitStep())).toEqual([]);
  });

  it("fails a unit installed for root, as a mandatory violation: root's Podman is root on the host", async () => {
    const [d] = (await pack().analyze(haUnitStep(undefined, "root"))).filter((x) => x.policyName === POLICY);
    expect(d).toMatchObject({ enforcementLevel: "mandatory", message: `${SUBJECT} must run as the homeassistant user's rootless Podman, not as root.` });
  });

  it("fails --privileged, the upstream docs' flag, since it hands the container every device and capability", async () => {
    expect(await messagesOf(pack(), POLICY, haUnitStep(unit().replace("[Container]", "[Container]\nPodmanArgs=--privileged")))).toEqual([`${SUBJECT} must not give the container --privileged.`]);
  });

  it("fails the host's user namespace, which makes the container's root the user's own UID with no subordinate mapping", async () => {
    expect(await messagesOf(pack(), POLICY, haUnitStep(unit().replace("[Container]", "[Container]\nUserNS=host")))).toEqual([`${SUBJECT} must not give the container the host's user namespace.`]);
  });
});
