import { checklistReport, STACK_ROW } from "../../src/check/checklistReport";
import { indexHosts } from "../../src/check/hostOfResource";
import { toJunit, xmlAttr, xmlText } from "../../src/check/junitReport";
import { CHECKLIST_ITEMS } from "../../src/core/checklist/items";
import { applicableRuns, finding, host, PASSWORD_FINDING } from "./fixtures";
import { findAll, parseXml, XmlElement } from "./parseXml";

// Baseline: two compliant hosts.
const a = host("ha-pi");
const b = host("garage");
const resources = [...a.all, ...b.all];
const index = indexHosts(resources);
const runs = applicableRuns(resources);
const junit = (diagnostics = [] as ReturnType<typeof finding>[]) => parseXml(toJunit(checklistReport(index, diagnostics, runs), { name: "ha-securing-checklist@v0.1.0 (stack test)" }));
const testcase = (root: XmlElement, suite: string, item: string) => {
  const s = findAll(root, "testsuite").find((x) => x.attrs.name === suite);
  const c = s && findAll(s, "testcase").find((x) => x.attrs.name.endsWith(`[${item}]`));
  if (!c) throw new Error(`no testcase ${suite} / ${item}`);
  return c;
};
const ENFORCED = CHECKLIST_ITEMS.filter((i) => i.policies.length > 0).length;

describe("toJunit", () => {
  it("writes one testsuite per host and one testcase per checklist item, all passing or skipped on a compliant stack", () => {
    const root = junit();
    expect(root.name).toBe("testsuites");
    expect(findAll(root, "testsuite").map((s) => s.attrs.name)).toEqual(["ha-pi", "garage"]);
    for (const s of findAll(root, "testsuite")) {
      expect(findAll(s, "testcase")).toHaveLength(CHECKLIST_ITEMS.length);
      expect(s.attrs).toMatchObject({ tests: String(CHECKLIST_ITEMS.length), failures: "0", errors: "0", skipped: String(CHECKLIST_ITEMS.length - ENFORCED) });
    }
    expect(findAll(root, "failure")).toEqual([]);
  });

  it("skips an item no policy enforces with the message `not enforced yet`, never counting it as passed", () => {
    const c = testcase(junit(), "ha-pi", "fail2ban");
    expect(c.children.map((x) => [x.name, x.attrs.message])).toEqual([["skipped", "not enforced yet"]]);
  });

  it("fails the item a violation breaks on that host only, with the violation's message, once for both drop-in copies", () => {
    const root = junit([finding("ssh-password-auth-disabled", a.bootstrapSshd.urn, PASSWORD_FINDING), finding("ssh-password-auth-disabled", a.sshd.urn, PASSWORD_FINDING)]);
    const [failure] = testcase(root, "ha-pi", "ssh-keys-not-passwords").children;
    expect(failure.name).toBe("failure");
    expect(failure.attrs).toEqual({ message: PASSWORD_FINDING, type: "mandatory" });
    expect(failure.text).toBe(`[mandatory] [severity: high]  ssh-password-auth-disabled  (command:remote:Command: ha-pi-bootstrap-sshd-config, ha-pi-sshd-config)\n${PASSWORD_FINDING}`);
    expect(testcase(root, "garage", "ssh-keys-not-passwords").children).toEqual([]);
    expect(findAll(root, "testsuites")[0].attrs.failures).toBe("1");
  });

  it("passes an item with only advisory findings, carrying them in system-out, because they do not block the deployment", () => {
    const root = junit([finding("connection-host-key-pinned", a.sshd.urn, "can't run policy during preview", "advisory")]);
    const c = testcase(root, "ha-pi", "host-lockdown");
    expect(c.children.map((x) => x.name)).toEqual(["system-out"]);
    expect(c.children[0].text).toContain("[advisory] [severity: high]  connection-host-key-pinned");
    expect(findAll(root, "failure")).toEqual([]);
  });

  it("skips an item whose policies found nothing to judge on the host, saying so, instead of passing it", () => {
    const na = runs.map((r) => (["homeassistant-user-unprivileged", "ha-runs-rootless"].includes(r.policyName) && index.hostOf.get(r.urn) === "ha-pi" ? { ...r, notApplicable: true } : r));
    const root = parseXml(toJunit(checklistReport(index, [], na), { name: "x" }));
    expect(testcase(root, "ha-pi", "ha-not-root").children.map((x) => [x.name, x.attrs.message])).toEqual([["skipped", "not applicable: homeassistant-user-unprivileged, ha-runs-rootless found nothing to judge on ha-pi"]]);
  });

  it("adds a (stack) testsuite only for findings about no host, holding just the items they break", () => {
    const root = junit([finding("homeassistant-user-unprivileged", "", "The stack registers no host.")]);
    const stack = findAll(root, "testsuite").find((s) => s.attrs.name === STACK_ROW);
    expect(stack && findAll(stack, "testcase").map((c) => [c.attrs.name, c.children[0].name])).toEqual([["Do not run Home Assistant as root [ha-not-root]", "failure"]]);
  });

  it("escapes markup, quotes, line breaks and characters XML cannot hold, so any message leaves the document well-formed and intact", () => {
    const nasty = `a <b> & "c" 'd' ]]> e\nnext\tline \u0001 end`;
    const root = junit([finding("ssh-password-auth-disabled", a.sshd.urn, nasty)]);
    const [failure] = testcase(root, "ha-pi", "ssh-keys-not-passwords").children;
    expect(failure.attrs.message).toBe(nasty.replace("\u0001", "\uFFFD"));
    expect(failure.text.endsWith(nasty.replace("\u0001", "\uFFFD"))).toBe(true);
  });
});

describe("xmlText and xmlAttr", () => {
  it("escape exactly what XML needs", () => {
    expect(xmlText(`<a href="x">&]]></a>`)).toBe("&lt;a href=\"x\"&gt;&amp;]]&gt;&lt;/a&gt;");
    expect(xmlAttr(`"it's"\n`)).toBe("&quot;it&apos;s&quot;&#10;");
  });
});

describe("parseXml (the strict parser these tests rely on)", () => {
  it("reads a well-formed document", () => {
    const root = parseXml(`<?xml version="1.0" encoding="UTF-8"?>\n<a x="1&amp;2" y='&#10;'><b/>t&lt;&#x41;</a>\n`);
    expect(root).toEqual({ name: "a", attrs: { x: "1&2", y: "\n" }, children: [{ name: "b", attrs: {}, children: [], text: "" }], text: "t<A" });
  });

  it.each([
    ["an unescaped ampersand", "<a>&</a>"],
    ["an unknown entity", "<a>&nbsp;</a>"],
    ["an unescaped < in an attribute", '<a x="<"/>'],
    ["a mismatched end tag", "<a><b></a></b>"],
    ["an unclosed element", "<a><b/>"],
    ["a repeated attribute", '<a x="1" x="2"/>'],
    ["an unquoted attribute", "<a x=1/>"],
    ["two root elements", "<a/><b/>"],
    ["a control character", "<a>\u0001</a>"],
    ["a reference to a control character", "<a>&#1;</a>"],
    ["]]> in text", "<a>]]></a>"],
  ])("rejects %s", (_why, doc) => {
    expect(() => parseXml(doc)).toThrow();
  });
});
