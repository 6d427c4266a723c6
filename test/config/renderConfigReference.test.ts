import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { renderConfigReference } from "../../src/config/renderConfigReference";
import { stackConfigSchema } from "../../src/config/schema";

describe("renderConfigReference", () => {
  test("docs/configuration.md is exactly what the schema renders (run `npm run docs` after changing the schema)", () => {
    const file = path.join(__dirname, "../../docs/configuration.md");
    expect(fs.readFileSync(file, "utf8")).toBe(renderConfigReference());
  });

  test("every key of the schema carries a description, so the reference never shows a blank row", () => {
    const missing: string[] = [];
    const walk = (s: any, at: string) => {
      for (const [k, p] of Object.entries<any>(s.properties ?? {})) {
        if (!p.description) missing.push(`${at}${k}`);
        walk(p, `${at}${k}.`);
        if (p.items) walk(p.items, `${at}${k}[].`);
      }
    };
    walk(z.toJSONSchema(stackConfigSchema, { io: "input", unrepresentable: "any" }), "");
    expect(missing).toEqual([]);
  });

  test("every default shown carries its reason", () => {
    for (const line of renderConfigReference().split("\n").filter((l) => l.startsWith("| `hosts"))) {
      const [, , def, description] = line.split(" | ");
      if (def.startsWith("`")) expect(description).toContain("Default because:");
    }
  });
});
