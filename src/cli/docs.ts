// `npm run docs`: regenerates docs/configuration.md (from the config schema) and the README's checklist table
// (from the checklist catalog). Tests fail when either drifts.
import * as fs from "fs";
import * as path from "path";
import { replaceChecklistSection } from "../core/checklist/renderChecklistTable";
import { renderConfigReference } from "../config/renderConfigReference";

const root = path.resolve(__dirname, "..", "..", "..");
const reference = path.join(root, "docs", "configuration.md");
fs.mkdirSync(path.dirname(reference), { recursive: true });
fs.writeFileSync(reference, renderConfigReference());
const readme = path.join(root, "README.md");
fs.writeFileSync(readme, replaceChecklistSection(fs.readFileSync(readme, "utf8")));
console.log("wrote docs/configuration.md and the checklist table in README.md");
