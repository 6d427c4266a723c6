#!/usr/bin/env node
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { locateEngine } from "../engine/pulumiEngine";
import { applyLab, projectDir } from "../lab/apply/applyCommand";
import { ensureLabIdentity } from "../lab/apply/labIdentity";
import { formatProbes, probeFromOutside } from "../concerns/ssh/probes";
import { SERIES_ALGORITHMS } from "../concerns/ssh/algorithms";
import { sshdDrift } from "../concerns/ssh/readBack";
import { OS_TABLE } from "../core/osTable";
import { sshAuditCommand } from "../lab/judges/sshAudit";
import { sshClientArgs, writeKnownHosts } from "../lab/host/sshClientArgs";
import { labUp } from "../lab/host/labHost";
import { assertLabName } from "../lab/host/labPaths";

const USAGE = "usage: npm run demo [-- --name LAB]   (boots a lab host, applies the lab stack, probes it from outside)";

/** `npm run demo`: the README's "try it". Leaves the host running and says how to get in and how to remove it. */
async function main(argv: string[]): Promise<number> {
  let name = "lab";
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--name" && argv[i + 1]) name = argv[++i];
    else {
      process.stderr.write(`unknown argument "${argv[i]}"\n${USAGE}\n`);
      return 2;
    }
  }
  assertLabName(name);
  const say = (l: string): void => void process.stdout.write(l + "\n");
  try {
    locateEngine();
  } catch {
    say("0/3  no Pulumi CLI on PATH: building the engine from the Go module proxy (npm run engine; a few minutes, once)…");
    const built = spawnSync("bash", [path.join(projectDir(), "engine", "build.sh")], { stdio: ["ignore", "ignore", "inherit"], timeout: 60 * 60_000 });
    if (built.status !== 0) return 1;
  }
  say(`1/3  booting lab host "${name}" (first run builds the Debian image: a few minutes)…`);
  const up = await labUp({ name, log: (l) => say(`     ${l}`) });
  say(`     ${up.alreadyRunning ? "already running" : `SSH ready in ${(up.bootMs / 1000).toFixed(1)} s`} at ${up.info.address}`);

  say(`\n2/3  pulumi up of stacks/Pulumi.lab.yaml with the policy pack (its preview judges every resource first)…`);
  const applied = await applyLab(["--stack", "lab", "--name", name], say, (l) => process.stderr.write(l + "\n"));
  if (applied.code !== 0) {
    say(`\nThe apply did not finish (exit ${applied.code}); the host is still running. Remove it with: npm run lab -- down${name === "lab" ? "" : ` --name ${name}`}`);
    return applied.code;
  }

  say(`\n3/3  knocking on the door from the lab's LAN and WAN namespaces:`);
  const id = ensureLabIdentity(path.join(up.stateDir, "identity"));
  const probes = probeFromOutside({
    address: up.info.address,
    port: up.info.port,
    adminUser: (JSON.parse(fs.readFileSync(path.join(up.stateDir, "admin.json"), "utf8")) as { user: string }).user,
    operatorKeyPath: id.operatorKeyPath,
    hostKey: id.hostEd25519Public,
    lanNs: up.info.netns.lan,
    wanNs: up.info.netns.wan,
    sshAudit: sshAuditCommand(),
    sshAuditPolicy: SERIES_ALGORITHMS[OS_TABLE[up.info.os].openssh].auditPolicy,
  });
  // The ssh concern's live read-back, from the controller as the admin: `sshd -T` against the baseline.
  const adminUser = (JSON.parse(fs.readFileSync(path.join(up.stateDir, "admin.json"), "utf8")) as { user: string }).user;
  const target = { address: up.info.address, port: up.info.port, user: adminUser, privateKeyPath: id.operatorKeyPath, hostKey: id.hostEd25519Public };
  const known = path.join(up.stateDir, "known_hosts.admin");
  writeKnownHosts(known, target);
  const live = spawnSync("ssh", [...sshClientArgs(target, known), "sudo -n sshd -T"], { encoding: "utf8", timeout: 60_000, input: "" });
  const drift = live.status === 0 ? sshdDrift(live.stdout, OS_TABLE[up.info.os].openssh) : undefined;
  probes.push({
    ok: drift !== undefined && drift.length === 0,
    what: "host: sshd -T shows every enforced baseline value (read back as the admin)",
    evidence: drift === undefined ? `ssh exit ${live.status}` : drift.length === 0 ? "no drift" : drift.map((d) => `${d.directive} ${d.got ?? "(unset)"}, want ${d.want}`).join("; "),
  });
  say(formatProbes(probes));
  const n = name === "lab" ? "" : ` --name ${name}`;
  say(`\nThe host is left running for you:
  npm run lab -- ssh${n} -- sudo sshd -T          # a command as the admin
  npm run lab -- ssh${n}                           # a shell as the admin
  npm run lab -- apply --stack lab${n}            # pulumi up again (runs nothing when nothing changed)
  npm run lab -- pulumi${n} -- stack export       # any pulumi command against the lab's stack
  npm run lab -- down${n}                          # remove the host and everything the lab made`);
  return probes.every((p) => p.ok) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`demo failed: ${e.message}\n`);
    process.exit(1);
  },
);
