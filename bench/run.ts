import { printCheckFigures, runCheckBench } from "./checkBench";
import { runLabBench } from "./labBench";
import { runApplyBench } from "./applyBench";

const USAGE = "usage: npm run bench [-- check|lab|apply ...] [--skip-cold]   (no name: all three; lab and apply need root)";

/** `npm run bench`: prints the project's figures; asserts nothing (speed is measured here, never in tests). */
async function main(argv: string[]): Promise<void> {
  const names = argv.filter((a) => !a.startsWith("--"));
  const unknown = names.filter((n) => !["check", "lab", "apply"].includes(n));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(", ")}\n${USAGE}`);
  const wanted = (n: string) => names.length === 0 || names.includes(n);
  if (wanted("check")) printCheckFigures(await runCheckBench(5));
  if (wanted("lab")) await runLabBench({ skipCold: argv.includes("--skip-cold") });
  if (wanted("apply")) await runApplyBench();
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e: Error) => {
    console.error(`bench: ${e.message}`);
    process.exit(1);
  },
);
