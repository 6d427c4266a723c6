import * as fs from "fs";
import * as path from "path";
import { CHECKLIST_ITEMS } from "../../../src/core/checklist/items";
import { renderChecklistTable, replaceChecklistSection } from "../../../src/core/checklist/renderChecklistTable";

describe("renderChecklistTable", () => {
  it("matches the README's checklist section exactly, so the README never drifts from the catalog (run `npm run docs`)", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");
    expect(replaceChecklistSection(readme)).toBe(readme);
  });

  it("lists every checklist item once and says 'not enforced yet' where no policy covers one", () => {
    const table = renderChecklistTable();
    for (const item of CHECKLIST_ITEMS) expect(table.split(`| ${item.title} |`).length).toBe(2);
    expect(table).toContain("| Monitor failed authentication with fail2ban | not enforced yet |");
  });

  it("refuses a README without the markers instead of silently writing nothing", () => {
    expect(() => replaceChecklistSection("# no markers here\n")).toThrow(/no checklist markers/);
  });
});
