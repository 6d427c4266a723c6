import { CHECKLIST_ITEMS, POLICY_NAMES, itemOfPolicy } from "../../../src/core/checklist/items";

describe("checklist items", () => {
  it("gives every item a kebab-case id, a title, the pages' own words, and only kebab-case policy names", () => {
    for (const item of CHECKLIST_ITEMS) {
      expect(item.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(item.title.length).toBeGreaterThan(10);
      expect(item.seedWords.length).toBeGreaterThan(0);
      for (const p of item.policies as readonly string[]) expect(p).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    }
  });

  it("has unique ids and lists each policy under exactly one item, so a report never counts it twice", () => {
    expect(new Set(CHECKLIST_ITEMS.map((i) => i.id)).size).toBe(CHECKLIST_ITEMS.length);
    const listed = CHECKLIST_ITEMS.flatMap((i) => [...i.policies]);
    expect(listed.length).toBe(POLICY_NAMES.length);
  });

  it("covers the checklist items the pages name, enforced or not", () => {
    expect(CHECKLIST_ITEMS.map((i) => i.id)).toEqual(
      expect.arrayContaining(["secrets", "web-password", "ha-not-root", "keep-updated", "ssh-no-root-login", "ssh-keys-not-passwords", "host-lockdown", "remote-ui-vpn", "remote-components-tls", "fail2ban"]),
    );
  });

  it("finds the item a policy enforces", () => {
    expect(itemOfPolicy("ssh-root-login-disabled").id).toBe("ssh-no-root-login");
  });
});
