import * as os from "os";
import { applyFigures, runApplyBench } from "./applyBench";
import { checkFigures, runCheckBench } from "./checkBench";
import { engineFigures, runEngineBench } from "./engineBench";
import { Figure, figureTable } from "./figureTable";
import { firewallFigures, runFirewallBench } from "./firewallBench";
import { haFigures, runHaBench } from "./haBench";
import { haImageFigures, runHaImageBench } from "./haImageBench";
import { labFigures, runLabBench } from "./labBench";
import { LAB_OS_IDS } from "../src/lab/image/labOs";
import { previewFigures, runPreviewBench } from "./previewBench";
import { runVpnBench, vpnFigures } from "./vpnBench";

const BENCHES = ["check", "engine", "lab", "apply", "firewall", "vpn", "ha-image", "ha"] as const;
const USAGE = `usage: npm run bench [-- check|engine|lab|apply|firewall|vpn|ha-image|ha ...] [--skip-cold] [--skip-preview]
  check   npm run check beside the real pulumi preview --policy-pack policies (1 host and 50 hosts)
  engine  bash engine/build.sh, cached and cold (cold compiles the whole Pulumi CLI: ~5 min of every core)
  lab     lab image build (cold) and host boot
  apply   per lab OS (Debian 13, Debian 12): first pulumi up on a blank host, no-op up, Lynis index blank and applied
  firewall  per lab OS: a changed ruleset's up, its step and confirming login; a lockout rolled back until the admin is in again
  vpn     a lab host with a VPN: a phone's wg-quick up and handshake, 50 MiB over SSH through the tunnel and direct
  ha-image  Home Assistant image: wheelhouse fetch and build (cold), build (cached), rootless load and start in a guest
  ha        blank Debian 13 guest to onboarded Home Assistant (the stack's own install), its start time, its unit's exposure
  no name: all eight; lab, apply, firewall, vpn, ha-image and ha need root
  --skip-cold     skip the cold lab image build, the cold engine build and the cold Home Assistant image
  --skip-preview  check alone (no Pulumi CLI needed)`;

/** `npm run bench`: prints the project's figures; asserts nothing about speed (measured here, never in tests). */
async function main(argv: string[], figures: Figure[]): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return;
  }
  const flags = argv.filter((a) => a.startsWith("--"));
  const badFlags = flags.filter((f) => !["--skip-cold", "--skip-preview"].includes(f));
  const names = argv.filter((a) => !a.startsWith("--"));
  const unknown = names.filter((n) => !(BENCHES as readonly string[]).includes(n));
  if (unknown.length || badFlags.length) throw new Error(`unknown benchmark or flag ${[...unknown, ...badFlags].join(", ")}\n${USAGE}`);
  const wanted = (n: string) => names.length === 0 || names.includes(n);
  const skipCold = argv.includes("--skip-cold");
  if (wanted("check")) {
    if (argv.includes("--skip-preview")) figures.push(...checkFigures(await runCheckBench(5), "the example stack and the generated one, placeholders for secrets"));
    else figures.push(...previewFigures(await runPreviewBench({ checkRuns: 5, previewRuns: 3, hosts: 50 })));
  }
  if (wanted("engine")) figures.push(...engineFigures(await runEngineBench({ cachedRuns: 3, skipCold })));
  if (wanted("lab")) figures.push(...labFigures(await runLabBench({ skipCold })));
  if (wanted("ha-image")) figures.push(...haImageFigures(await runHaImageBench({ skipCold })));
  if (wanted("apply")) for (const os of LAB_OS_IDS) figures.push(...applyFigures(await runApplyBench({ os })));
  if (wanted("firewall")) for (const os of LAB_OS_IDS) figures.push(...firewallFigures(await runFirewallBench({ os })));
  if (wanted("vpn")) figures.push(...vpnFigures(await runVpnBench({ rounds: 3, megabytes: 50 })));
  if (wanted("ha")) figures.push(...haFigures(await runHaBench()));
}

function printTable(figures: Figure[]): void {
  if (figures.length === 0) return;
  console.log(`\nfigures (${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} at the end):`);
  for (const line of figureTable(figures)) console.log(line);
}

const figures: Figure[] = [];
main(process.argv.slice(2), figures).then(
  () => {
    printTable(figures);
    process.exit(0);
  },
  (e: Error) => {
    printTable(figures); // what was measured before the failure
    console.error(`bench: ${e.message}`);
    process.exit(1);
  },
);
