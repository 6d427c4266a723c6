// `npm run docs`: writes docs/configuration.md from the schema (run from the project root after a build).
import * as fs from "fs";
import * as path from "path";
import { renderConfigReference } from "./renderConfigReference";

const target = path.resolve(__dirname, "../../../docs/configuration.md");
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, renderConfigReference());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
