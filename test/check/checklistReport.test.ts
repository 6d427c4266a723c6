import { checklistReport, ChecklistEntry, formatChecklist, STACK_ROW } from "../../src/check/checklistReport";
import { indexHosts } from "../../src/check/hostOfResource";
import { CHECKLIST_ITEMS } from "../../src/core/checklist/items";
import { applicableRuns, COMMAND, finding, host, PASSWORD_FINDING, resource } from "./fixtures";

// Baseline: two compliant hosts; every policy judged every resource and found nothing.
const a = host("ha-pi");
const b = host("garage");
const resources = [...a.all, ...b.all];
const index = indexHosts(resources);
const runs = applicableRuns(resources);

const entry = (entries: ChecklistEntry[], hostName: string, item: string) => {
  const e = entries.find((x) => x.host === hostName && x.item === item);
  if (!e) throw new Error(`no entry for ${hostName} / ${item}`);
  return e;
};
const statuses = (entries: ChecklistEntry[], hostName: string) => entries.filter((e) => e.host === hostName).map((e) => e.status);
const HA_USER = "Host garage must have a user step creating homeassistant; none of its steps does, so Home Assistant has no unprivileged account.";

describe("checklistReport", () => {
  it("passes every enforced item and says TODO for the rest on each host of a compliant stack, with no stack row", () => {
    const entries = checklistReport(index, [], runs);
    for (const h of ["ha-pi", "garage"]) {
      expect(statuses(entries, h)).toEqual(CHECKLIST_ITEMS.map((i) => (i.policies.length ? "pass" : "not-enforced")));
    }
    expect(entries.some((e) => e.host === STACK_ROW)).toBe(false);
  });

  it("fails a stack-wide finding only on the host its message names, because host ha-pi did nothing wrong", () => {
    const entries = checklistReport(index, [finding("homeassistant-user-unprivileged", "", HA_USER)], runs);
    expect(entry(entries, "garage", "ha-not-root").status).toBe("fail");
    expect(entry(entries, "ha-pi", "ha-not-root").status).toBe("pass");
    expect(entries.some((e) => e.host === STACK_ROW)).toBe(false);
  });

  it("lands a stack-wide finding about a host on the host's HardenedHost component, so it names where it belongs", () => {
    const entries = checklistReport(index, [finding("homeassistant-user-unprivileged", "", HA_USER)], runs);
    expect(entry(entries, "garage", "ha-not-root").findings).toEqual([
      expect.objectContaining({ policyName: "homeassistant-user-unprivileged", message: HA_USER, resources: [b.component.urn] }),
    ]);
  });

  it("keeps a stack-wide finding that names no host off every host and reports it in a (stack) row, so it is neither lost nor blamed on a host", () => {
    const entries = checklistReport(index, [finding("homeassistant-user-unprivileged", "", "The stack registers no host at all.")], runs);
    expect(entry(entries, "ha-pi", "ha-not-root").status).toBe("pass");
    expect(entry(entries, "garage", "ha-not-root").status).toBe("pass");
    const row = entries.filter((e) => e.host === STACK_ROW);
    expect(row.map((e) => [e.item, e.status])).toEqual([["ha-not-root", "fail"]]);
    expect(row[0].findings[0].resources).toEqual([]);
  });

  it("reports a finding on a resource outside every host in the (stack) row, naming that resource", () => {
    const stray = resource(COMMAND, "stray-command");
    const withStray = indexHosts([...resources, stray]);
    const entries = checklistReport(withStray, [finding("connection-no-password", stray.urn, "The connection must not set password.")], runs);
    const row = entries.filter((e) => e.host === STACK_ROW);
    expect(row.map((e) => [e.item, e.status])).toEqual([["ssh-keys-not-passwords", "fail"]]);
    expect(row[0].findings[0].resources).toEqual([stray.urn]);
  });

  it("collapses the same sentence of the same policy on the bootstrap and admin drop-in into one finding naming both, because it is one bad setting", () => {
    const entries = checklistReport(index, [finding("ssh-password-auth-disabled", a.bootstrapSshd.urn, PASSWORD_FINDING), finding("ssh-password-auth-disabled", a.sshd.urn, PASSWORD_FINDING)], runs);
    const e = entry(entries, "ha-pi", "ssh-keys-not-passwords");
    expect(e.status).toBe("fail");
    expect(e.findings).toHaveLength(1);
    expect(e.findings[0].resources).toEqual([a.bootstrapSshd.urn, a.sshd.urn]);
    expect(e.messages).toEqual([PASSWORD_FINDING]);
    expect(entry(entries, "garage", "ssh-keys-not-passwords").status).toBe("pass");
  });

  it("keeps two different sentences of one policy on one host apart, because they are two problems", () => {
    const other = PASSWORD_FINDING.replace("PasswordAuthentication", "KbdInteractiveAuthentication");
    const entries = checklistReport(index, [finding("ssh-password-auth-disabled", a.sshd.urn, PASSWORD_FINDING), finding("ssh-password-auth-disabled", a.sshd.urn, other)], runs);
    expect(entry(entries, "ha-pi", "ssh-keys-not-passwords").findings.map((f) => f.message)).toEqual([PASSWORD_FINDING, other]);
  });

  it("does not merge the same sentence across hosts, because each host has its own bad setting to fix", () => {
    const entries = checklistReport(index, [finding("ssh-password-auth-disabled", a.sshd.urn, "must not set PasswordAuthentication to yes."), finding("ssh-password-auth-disabled", b.sshd.urn, "must not set PasswordAuthentication to yes.")], runs);
    expect(entry(entries, "ha-pi", "ssh-keys-not-passwords").findings[0].resources).toEqual([a.sshd.urn]);
    expect(entry(entries, "garage", "ssh-keys-not-passwords").findings[0].resources).toEqual([b.sshd.urn]);
  });

  it("warns, not fails, on an advisory finding, because it does not block the deployment", () => {
    const entries = checklistReport(index, [finding("connection-host-key-pinned", a.sshd.urn, "can't run policy during preview", "advisory")], runs);
    expect(entry(entries, "ha-pi", "host-lockdown").status).toBe("warn");
  });

  it("says N/A when every policy of an item declared itself not applicable on every resource of the host, because nothing was judged", () => {
    const na = runs.map((r) => (["homeassistant-user-unprivileged", "ha-runs-rootless"].includes(r.policyName) && index.hostOf.get(r.urn) === "ha-pi" ? { ...r, notApplicable: true } : r));
    const entries = checklistReport(index, [], na);
    expect(entry(entries, "ha-pi", "ha-not-root").status).toBe("not-applicable");
    expect(entry(entries, "garage", "ha-not-root").status).toBe("pass");
  });
});

describe("formatChecklist", () => {
  it("prints one preview-style line per finding naming both drop-in resources, and its sentence once", () => {
    const text = formatChecklist(
      checklistReport(index, [finding("ssh-password-auth-disabled", a.bootstrapSshd.urn, PASSWORD_FINDING), finding("ssh-password-auth-disabled", a.sshd.urn, PASSWORD_FINDING)], runs),
    );
    expect(text).toContain("  FAIL  Use SSH keys for authentication instead of passwords (ssh-password-auth-disabled, connection-no-password)\n");
    expect(text).toContain(`        - [mandatory] [severity: high]  ssh-password-auth-disabled  (${COMMAND}: ha-pi-bootstrap-sshd-config, ha-pi-sshd-config)\n          ${PASSWORD_FINDING}`);
    expect(text.split(PASSWORD_FINDING)).toHaveLength(2);
  });

  it("prints the (stack) row after the hosts when a finding is about no host, as the report promises", () => {
    const text = formatChecklist(checklistReport(index, [finding("homeassistant-user-unprivileged", "", "The stack registers no host at all.")], runs));
    const stackAt = text.indexOf(`${STACK_ROW} — findings about no single host`);
    expect(stackAt).toBeGreaterThan(text.indexOf("Host garage"));
    expect(text.slice(stackAt)).toContain("  FAIL  Do not run Home Assistant as root (homeassistant-user-unprivileged, ha-runs-rootless)\n        - [mandatory] [severity: high]  homeassistant-user-unprivileged\n          The stack registers no host at all.");
  });
});
