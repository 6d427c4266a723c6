import * as fs from "fs";
import * as path from "path";
import { evaluateFirewall } from "../../src/concerns/firewall/evaluateFirewall";
import { FIREWALL_PATHS } from "../../src/concerns/firewall/firewallPaths";
import { FIREWALL_ROLLBACK } from "../../src/concerns/firewall/firewallRollback";
import { HOST_PATHS } from "../../src/core/hostPaths";
import { labDown, LabHostInfo, labNetworkOf, labRestartAfterReboot, labUp } from "../../src/lab/host/labHost";
import { LAB_OS_IDS } from "../../src/lab/image/labOs";
import { applyCounts, asAdmin, freshSource, labApply, Login, uniqueLabName } from "./labProbe";
import { inputChain as loadedInputChain, labStackModel, promised, scan, standInListener } from "./labReachability";

/**
 * The firewall on a real lab host: the lab stack applied with `npm run lab -- apply` (the real `pulumi up` with
 * the pack), then measured with nmap from the lab's WAN namespace ("the internet"), its LAN namespace and the
 * host itself, over IPv4 and IPv6, against what the rendered ruleset promises; a lockout rolled back; the rules back
 * after a reboot.
 */
const STACK = "lab";
/** What listens on the host during the scans: sshd, and a stand-in on Home Assistant's port (the lab stack runs no Home Assistant, so the port stays shut). */
const LISTENING = new Set(["22/tcp", "8123/tcp"]);
const model = labStackModel();

describe.each(LAB_OS_IDS)("%s", (labOs) => {
  let name: string;
  let info: LabHostInfo;
  let admin: Login;
  let controller: string;

  const inputChain = () => loadedInputChain(admin);

  beforeAll(async () => {
    name = uniqueLabName("fw");
    let stateDir: string;
    try {
      const up = await labUp({ name, os: labOs, log: () => undefined });
      info = up.info;
      stateDir = up.stateDir;
    } catch (e) {
      throw new Error(`the lab host could not start, so the firewall tests cannot run: ${(e as Error).message}`);
    }
    const r = labApply(name, STACK);
    if (r.code !== 0) throw new Error(`the first apply of stack ${STACK} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    const a = JSON.parse(fs.readFileSync(path.join(stateDir, "admin.json"), "utf8")) as { user: string; privateKeyPath: string; hostKey: string };
    admin = { address: info.address, port: info.port, user: a.user, keyPath: a.privateKeyPath, hostKey: a.hostKey };
    controller = labNetworkOf(name)!.controllerAddress;
  }, 600_000);

  afterAll(async () => {
    if (name) await labDown(name);
  }, 120_000);

  test("nmap from the WAN, the LAN and the host itself sees exactly what the ruleset promises (IPv4, TCP and UDP)", () => {
    const stopListening = standInListener(admin, 8123);
    try {
      freshSource(info.netns.wan);
      expect(scan(info.netns.wan, info.address, "-sS")).toEqual(promised(model, "wan", LISTENING));
      freshSource(info.netns.lan);
      expect(scan(info.netns.lan, info.address, "-sS")).toEqual(promised(model, "lan", LISTENING));
      expect(scan(info.netns.host, info.address, "-sT")).toEqual(promised(model, "self", LISTENING));
    } finally {
      stopListening();
    }
  }, 600_000);

  test("nmap over IPv6 from the WAN, the LAN and the host itself sees the same promise: IPv6 is never more open than IPv4", () => {
    const stopListening = standInListener(admin, 8123);
    try {
      expect(scan(info.netns.wan, info.address6, "-sS")).toEqual(promised(model, "wan", LISTENING));
      expect(scan(info.netns.lan, info.address6, "-sS")).toEqual(promised(model, "lan", LISTENING));
      expect(scan(info.netns.host, info.address6, "-sT")).toEqual(promised(model, "self", LISTENING));
    } finally {
      stopListening();
    }
  }, 600_000);

  test("the IPv6 rules that landed, as the pack judges them: one table inet, ND and PMTU accepted, no port wider to IPv6", () => {
    const landed = asAdmin(admin, `sudo -n cat ${FIREWALL_PATHS.ruleset}`);
    const plan = labNetworkOf(name)!;
    const manifest = {
      kind: "nftables" as const, host: "lab", path: FIREWALL_PATHS.ruleset, table: model.table,
      zones: { lan: [plan.lanCidr, plan.lanCidr6], admin: [`${controller}/32`], acknowledgePublicLan: false }, sshPort: 22, publicPorts: [],
    };
    expect(evaluateFirewall("ipv6-not-wider", landed, manifest)).toEqual([]);
    expect(evaluateFirewall("lan-vpn-only", landed, manifest)).toEqual([]);
    const live = inputChain();
    expect(live).toMatch(/icmpv6 type \{[^}]*packet-too-big[^}]*\} accept/);
    expect(live).toMatch(/icmpv6 type \{ nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert \} ip6 hoplimit 255 accept/);
    expect(asAdmin(admin, "sudo -n nft list tables")).toContain("table inet ha_hardened_host");
  }, 120_000);

  test("the confirmed ruleset is persisted for boot (include line, nftables.service enabled), and an unchanged stack runs no command", () => {
    expect(asAdmin(admin, `grep -Fx 'include "${FIREWALL_PATHS.ruleset}"' ${FIREWALL_PATHS.main}`).trim()).toBe(`include "${FIREWALL_PATHS.ruleset}"`);
    expect(asAdmin(admin, "systemctl is-enabled nftables.service").trim()).toBe("enabled");
    expect(asAdmin(admin, `sudo -n test ! -e ${HOST_PATHS.stateDir}/firewall-confirm.sh && echo confirmed`).trim()).toBe("confirmed");
    const again = labApply(name, STACK);
    expect(again.code).toBe(0);
    expect(applyCounts(again.stdout)).toMatchObject({ created: 0, updated: 0, replaced: 0, deleted: 0 });
  }, 400_000);

  test(`a ruleset that shuts the controller out is rolled back within ${FIREWALL_ROLLBACK.seconds} s, the up says so, the admin gets in again, and the next up converges`, () => {
    const before = inputChain();
    expect(before).toContain(controller);
    const bad = labApply(name, STACK, ["--config", 'ha-hardened-host:hosts[0].firewall.adminCidrs=["192.0.2.0/24"]']);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/the firewall change was rolled back at \d{4}-\d\d-\d\dT/);
    expect(asAdmin(admin, "id -un").trim()).toBe(admin.user);
    expect(inputChain()).toBe(before);
    expect(asAdmin(admin, `sudo -n grep -c ${controller} ${FIREWALL_PATHS.ruleset}`).trim()).toBe("1");
    const good = labApply(name, STACK);
    expect(good.code).toBe(0);
    expect(asAdmin(admin, `sudo -n test ! -e ${HOST_PATHS.stateDir}/firewall-rolled-back && echo clear`).trim()).toBe("clear");
  }, 600_000);

  test("after the guest reboots, the same rules are back: the WAN is dropped, the LAN reaches SSH", async () => {
    const before = inputChain();
    try {
      asAdmin(admin, "sudo -n systemctl reboot");
    } catch {
      // the connection may close before ssh reads the exit status
    }
    await labRestartAfterReboot(name);
    expect(inputChain()).toBe(before);
    freshSource(info.netns.wan);
    expect(scan(info.netns.wan, info.address, "-sS")["22/tcp"]).toBe("filtered");
    freshSource(info.netns.lan);
    expect(scan(info.netns.lan, info.address, "-sS")["22/tcp"]).toBe("open");
  }, 600_000);
});
