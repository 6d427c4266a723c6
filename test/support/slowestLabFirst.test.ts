import * as fs from "fs";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { rank, LAB_SLOWEST_FIRST } = require("./slowestLabFirst") as { rank: (p: string) => number; LAB_SLOWEST_FIRST: string[] };

const LAB = path.join(__dirname, "..", "lab");
const labSuites = fs.readdirSync(LAB).filter((f) => f.endsWith(".test.ts")).map((f) => f.replace(/\.test\.ts$/, ""));

test("every lab suite is in the slowest-first list, so a fresh clone's run starts it in its place and not after the unit files", () => {
  expect([...labSuites].sort()).toEqual([...LAB_SLOWEST_FIRST].sort());
});

test("the lab suites run in the listed order, an unlisted lab suite after them, and every other test file last", () => {
  const order = ["homeAssistant.debian-13", "vpn", "labHost"].map((s) => rank(path.join(LAB, `${s}.test.ts`)));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  const unlisted = rank(path.join(LAB, "someNewSuite.test.ts"));
  expect(unlisted).toBe(LAB_SLOWEST_FIRST.length);
  expect(rank(path.join(LAB, "apply", "applyCommand.test.ts"))).toBeGreaterThan(unlisted);
  expect(rank(path.join(__dirname, "..", "program.test.ts"))).toBeGreaterThan(unlisted);
});
