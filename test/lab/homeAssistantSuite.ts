import { spawn } from "child_process";
import * as fs from "fs";
import { tmpdir as osTmp } from "os";
import * as path from "path";
import { HA_PATHS } from "../../src/concerns/homeassistant/haPaths";
import { MANAGED_BEGIN } from "../../src/concerns/homeassistant/renderHaConfig";
import { LAB_HA_OWNER, LAB_HA_SECRET_NAME, labHaSecrets } from "../../src/lab/apply/labHaIdentity";
import { buildHaImage } from "../../src/lab/haImage/buildHaImage";
import { adminRootShell, GuestShell, mustRun } from "../../src/lab/haImage/guestShell";
import { prepareHaGuest } from "../../src/lab/haImage/prepareHaGuest";
import { labDown, LabHostInfo, labRestartAfterReboot, labUp } from "../../src/lab/host/labHost";
import { LabOsId } from "../../src/lab/image/labOs";
import { OS_TABLE } from "../../src/core/osTable";
import { phoneDown, phoneUp, WireguardPhone } from "../../src/lab/net/wireguardPhone";
import { serverAddresses } from "../../src/concerns/vpn/vpnAddresses";
import { HA_PORT } from "../../src/concerns/homeassistant/config";
import { curl, loginFlow } from "./haProbe";
import { applyCounts, freshSource, inNs, labApply, labPulumi, PROJECT_DIR, run, uniqueLabName } from "./labProbe";
import { LAB_VPN, labStackModel, promised, scan } from "./labReachability";

const VPN_CLI = path.join(PROJECT_DIR, "dist", "src", "cli", "vpn.js");

/**
 * Home Assistant as the product installs it, on a real lab host: the lab stack applied with Home Assistant on (the
 * real `pulumi up` with the pack), the real Home Assistant image (built here, loaded into the user's storage since
 * images cannot be pulled), then judged from the LAN and the WAN as a user and an attacker see it.
 */
const HA = `ha-hardened-host:hosts[0].homeAssistant`;
const USER = HA_PATHS.user;
const DIR = HA_PATHS.configDir;
/** The user's own configuration, written before the apply: it must survive it, and it uses a `!secret`. */
const USER_LINES = [
  "# my own lines",
  "frontend:",
  "api:",
  "websocket_api:",
  "onboarding:",
  "input_text:",
  "  greeting:",
  "    name: Greeting",
  `    initial: !secret ${LAB_HA_SECRET_NAME}`,
  "",
].join("\n");
/** An attacker on the LAN asks for the onboarding steps every 0.5 s while the apply runs (bounded: 2400 tries). */
const POLL = "for i in $(seq 1 2400); do curl -s -m 2 -o - -w ' %{http_code}\\n' http://$1:$2/api/onboarding || echo ' refused'; sleep 0.5; done";

interface Ready {
  info: LabHostInfo;
  shell: GuestShell;
  apply: { code: number | null; stdout: string; stderr: string };
  second: { code: number | null; stdout: string; stderr: string };
  /** The --config arguments that turn Home Assistant (and the phone's VPN peer) on in the lab stack. */
  haConfig: string[];
  attacker: string[];
  password: string;
  secretValue: string;
}


/**
 * The suite for one lab OS; each OS has its own test file so that the two run on separate jest workers.
 * On Debian 13 the unit is a Quadlet file; on Debian 12, whose Podman has no Quadlet, a plain user unit.
 */
export function homeAssistantSuite(labOs: LabOsId): void {
  describe(`Home Assistant installed by the stack on ${labOs}`, () => {
    const name = uniqueLabName(`ha${labOs.slice(-2)}`);
    let ready: Ready | undefined;
    let setupError: Error | undefined;
    let tmp: string;
    let phone: WireguardPhone | undefined;

    function up(): Ready {
      if (!ready) throw new Error(`Home Assistant could not be installed in the lab: ${setupError?.message ?? "unknown reason"}`);
      return ready;
    }
    const base = () => `http://${up().info.address}:8123`;

    beforeAll(async () => {
      tmp = fs.mkdtempSync(path.join(osTmp(), "ha-lab-test-"));
      try {
        // The Home Assistant image and the lab host are independent builds: both at once.
        const [image, lab] = await Promise.all([buildHaImage(), labUp({ name, os: labOs, log: () => undefined })]);
        const info = lab.info;
        const first = labApply(name, "lab");
        if (first.code !== 0) throw new Error(`the hardening apply exited ${first.code}: ${first.stderr.trim().split("\n").slice(-5).join(" | ")}`);
        const shell = adminRootShell(lab.stateDir, info, path.join(tmp, "known_hosts"));
        const loaded = await prepareHaGuest(shell, image, labOs);
        await mustRun(shell, "the user's own configuration", `install -d -o ${USER} -g ${USER} -m 0750 ${DIR} && install -o ${USER} -g ${USER} -m 0640 /dev/stdin ${DIR}/configuration.yaml <<'EOF'\n${USER_LINES}EOF`);
        const haConfig = ["--config", `${HA}.image=${loaded.pinned}`, "--config", `ha-hardened-host:hosts[0].vpn=${JSON.stringify({ peers: [{ name: "phone", id: 2 }] })}`];
        // The poller writes to a file: the apply below blocks this process, so a pipe would not be read meanwhile.
        const pollFile = path.join(tmp, "attacker.log");
        const poller = spawn("ip", ["netns", "exec", info.netns.lan, "bash", "-c", `${POLL} > "$3"`, "poll", info.address, "8123", pollFile], { stdio: "ignore" });
        const apply = labApply(name, "lab", haConfig, 25 * 60_000);
        // Ten more seconds of polling (20 tries) once the apply is done, then it stops.
        await new Promise((r) => setTimeout(r, 10_000));
        poller.kill();
        await new Promise((r) => poller.once("exit", r));
        const polled = fs.readFileSync(pollFile, "utf8");
        const second = apply.code === 0 ? labApply(name, "lab", haConfig) : apply;
        // The phone in the WAN namespace with the config `npm run vpn` prints.
        const config = run(process.execPath, [VPN_CLI, "config", "phone", "--stack", "lab", "--lab", name], { timeoutMs: 120_000 });
        if (config.code !== 0) throw new Error(`npm run vpn -- config phone exited ${config.code}: ${config.stderr}`);
        phone = phoneUp(info.netns.wan, `ph${name}`, config.stdout);
        ready = { info, shell, apply, second, haConfig, attacker: polled.split("\n").filter(Boolean), ...(() => { const s = labHaSecrets(path.join(lab.stateDir, "identity")); return { password: s.password, secretValue: s.secretValue }; })() };
      } catch (err) {
        setupError = err as Error;
      }
    }, 60 * 60_000);

    afterAll(async () => {
      if (phone) phoneDown(phone);
      await labDown(name).catch(() => undefined);
      fs.rmSync(tmp, { recursive: true, force: true });
    }, 120_000);

    test("the apply installs and onboards Home Assistant, and a second apply of the same stack changes nothing", () => {
      const { apply, second } = up();
      expect({ code: apply.code, tail: apply.code === 0 ? "" : (apply.stdout + apply.stderr).split("\n").slice(-30).join("\n") }).toEqual({ code: 0, tail: "" });
      expect(applyCounts(second.stdout)).toMatchObject({ created: 0, updated: 0, replaced: 0, deleted: 0 });
    });

    test("an attacker polling the LAN during the whole apply never saw an instance it could claim, and saw it answer once it was owned", () => {
      const { attacker } = up();
      expect(attacker.length).toBeGreaterThan(20);
      expect(attacker.some((l) => /"step":\s*"user",\s*"done":\s*false/.test(l))).toBe(false);
      expect(attacker.some((l) => / (200|404)$/.test(l))).toBe(true);
    });

    test("port 8123 answers from the LAN and through the VPN, and not from the WAN", () => {
      const { info } = up();
      expect(curl(info.netns.lan, `${base()}/api/`)[0]).toBe(401);
      const vpnHost = serverAddresses(LAB_VPN);
      expect(curl(phone!.ns, `http://${vpnHost.v4}:8123/api/`)[0]).toBe(401);
      expect(curl(phone!.ns, `http://[${vpnHost.v6}]:8123/api/`)[0]).toBe(401);
      freshSource(info.netns.wan);
      expect(curl(info.netns.wan, `${base()}/api/`)[0]).toBe(0);
    });

    test("nmap from the WAN, the LAN and a VPN device, over IPv4 and IPv6, sees exactly what the ruleset promises with Home Assistant owned: from the WAN only WireGuard, from the LAN and the VPN SSH and 8123 open", () => {
      const { info } = up();
      const model = labStackModel(LAB_VPN, { port: HA_PORT.value });
      const listening = new Set(["22/tcp", `${HA_PORT.value}/tcp`, `${LAB_VPN.port}/udp`]);
      const vpnHost = serverAddresses(LAB_VPN);
      const seen = {
        wan: [scan(info.netns.wan, info.address, "-sS"), scan(info.netns.wan, info.address6, "-sS")],
        lan: [scan(info.netns.lan, info.address, "-sS"), scan(info.netns.lan, info.address6, "-sS")],
        vpn: [scan(phone!.ns, vpnHost.v4, "-sS"), scan(phone!.ns, vpnHost.v6, "-sS")],
      };
      expect(seen).toEqual({
        wan: [promised(model, "wan", listening), promised(model, "wan", listening)],
        lan: [promised(model, "lan", listening), promised(model, "lan", listening)],
        vpn: [promised(model, "vpn", listening), promised(model, "vpn", listening)],
      });
      expect(seen.lan[0][`${HA_PORT.value}/tcp`]).toBe("open"); // "open" means something answers there
    }, 900_000);

    test("an unauthenticated attempt to create an owner is refused", () => {
      const { info } = up();
      const body = JSON.stringify({ client_id: `${base()}/`, name: "Mallory", username: "mallory", password: "mallory-password", language: "en" });
      const [status, text] = curl(info.netns.lan, `${base()}/api/onboarding/users`, ["-H", "Content-Type: application/json", "-d", body]);
      expect([403, 404]).toContain(status);
      expect(text).not.toContain("auth_code");
    });

    test("the owner logs in with the configured password, and the !secret value is the one Home Assistant uses", () => {
      const { info, password, secretValue } = up();
      const step = loginFlow(info.netns.lan, base(), LAB_HA_OWNER.username, password);
      expect(step.type).toBe("create_entry");
      const [, tokenText] = curl(info.netns.lan, `${base()}/auth/token`, ["-d", `grant_type=authorization_code&code=${step.result}&client_id=${encodeURIComponent(`${base()}/`)}`]);
      const token = JSON.parse(tokenText).access_token as string;
      const [status, state] = curl(info.netns.lan, `${base()}/api/states/input_text.greeting`, ["-H", `Authorization: Bearer ${token}`]);
      expect(status).toBe(200);
      expect(JSON.parse(state).state).toBe(secretValue);
    });

    test("the first start took its loopback-only http settings without error, the promoted ones bind every address, and package and claim gate are gone", async () => {
      const { shell } = up();
      const http = JSON.parse(await mustRun(shell, "read .storage/http", `cat ${DIR}/.storage/http`)).data;
      expect(http.pending).toBeNull();
      expect(http.stable).toMatchObject({ server_port: 8123, ip_ban_enabled: true, login_attempts_threshold: 5 });
      expect(http.stable.server_host).toBeUndefined();
      expect((await shell(`test -e ${DIR}/${HA_PATHS.packagesDir}/${HA_PATHS.firstStartPackage}`)).code).not.toBe(0);
      expect((await shell(`nft list table inet ${HA_PATHS.claimGateTable}`)).code).not.toBe(0);
      // A refused http config would have started it in recovery mode, on every address, claim gate or not; Home
      // Assistant logs that as an error (its info lines are not logged by default).
      const log = await mustRun(shell, "Home Assistant's log", `journalctl _UID=$(id -u ${USER}) --no-pager -o cat`);
      expect(log).toContain("homeassistant");
      expect(log).not.toMatch(/Invalid config for 'http'|recovery mode/i);
    });

    test("secrets.yaml is 0600 homeassistant, the config directory 0750, the .gitignore names what holds secrets, and the user's own lines survive", async () => {
      const { shell } = up();
      expect((await mustRun(shell, "stat", `stat -c '%a %U %G %n' ${DIR} ${DIR}/secrets.yaml`)).trim().split("\n")).toEqual([`750 ${USER} ${USER} ${DIR}`, `600 ${USER} ${USER} ${DIR}/secrets.yaml`]);
      expect((await mustRun(shell, "gitignore", `cat ${DIR}/.gitignore`)).split("\n")).toEqual(expect.arrayContaining(["secrets.yaml", "ip_bans.yaml", ".storage", ".cloud"]));
      const configuration = await mustRun(shell, "configuration.yaml", `cat ${DIR}/configuration.yaml`);
      expect(configuration.startsWith(MANAGED_BEGIN)).toBe(true);
      expect(configuration.endsWith(USER_LINES)).toBe(true);
    });

    test("the process runs as the homeassistant user (rootless Podman), not root, and comes back after it is killed", async () => {
      const { shell, info } = up();
      const uid = (await mustRun(shell, "id", `id -u ${USER}`)).trim();
      // The bracket keeps the pattern from matching the shell that runs pgrep.
      const find = "pgrep -f -- '[-]m homeassistant --config /config'";
      const before = (await mustRun(shell, "pgrep", find)).trim();
      expect((await mustRun(shell, "ps", `ps -o uid= -p ${before}`)).trim()).toBe(uid);
      expect(uid).not.toBe("0");
      await mustRun(shell, "kill", `kill -9 ${before}`);
      let status = 0;
      for (let i = 0; i < 90 && status !== 401; i++) {
        await new Promise((r) => setTimeout(r, 2000));
        status = curl(info.netns.lan, `${base()}/api/`)[0];
      }
      expect(status).toBe(401);
      expect((await mustRun(shell, "pgrep", find)).trim()).not.toBe(before);
    }, 300_000);

    test("the unit is the form the OS's Podman takes: a Quadlet file where it has Quadlet, else a plain user unit, root-owned either way", async () => {
      const { shell } = up();
      const uid = (await mustRun(shell, "id", `id -u ${USER}`)).trim();
      const file = OS_TABLE[labOs].podmanQuadlet ? `${HA_PATHS.quadletUsersDir}/${uid}/${HA_PATHS.unit}.container` : `${HA_PATHS.userUnitDir}/${HA_PATHS.unit}.service`;
      expect((await mustRun(shell, "unit file", `stat -c '%U %a' ${file}`)).trim()).toBe("root 644");
      const active = await mustRun(shell, "user unit", `runuser -u ${USER} -- env XDG_RUNTIME_DIR=/run/user/${uid} systemctl --user is-active ${HA_PATHS.unit}.service`);
      expect(active.trim()).toBe("active");
    });

    test("no secret appears in ps, the journal, the engine's output, the exported state, or any file a local user without privileges can read", async () => {
      const { shell, apply, password, secretValue } = up();
      // Each probe prints where it found the secret; the secret travels on stdin into a 0600 file, never a command line.
      const scan = [
        "{ ps -eo args | grep -qFf \"$pattern\" && echo ps; } || true",
        "{ journalctl --no-pager -o cat | grep -qFf \"$pattern\" && echo journal; } || true",
        // Every file a local user without privileges (nobody) can read.
        "runuser -u nobody -- find / -xdev \\( -path /proc -o -path /sys \\) -prune -o -type f -readable -size -4M -print0 2>/dev/null | xargs -0 grep -lFf \"$pattern\" 2>/dev/null || true",
      ];
      for (const s of [password, secretValue]) {
        for (const cmd of scan) {
          const r = await shell(`pattern=$(mktemp) && cat > "$pattern" && chmod 0600 "$pattern" && { ${cmd}; }; rm -f "$pattern"`, { stdin: s, timeoutMs: 300_000 });
          expect({ cmd, found: r.stdout.trim().split("\n").filter(Boolean) }).toEqual({ cmd, found: [] });
        }
        expect(apply.stdout + apply.stderr).not.toContain(s);
        const exported = labPulumi(name, ["stack", "export"]);
        expect(exported.code).toBe(0);
        expect(exported.stdout).not.toContain(s);
      }
    }, 900_000);

    test("after the guest reboots, Home Assistant is back through linger and its unit, owned, on the LAN", async () => {
      const { info, shell } = up();
      await shell("systemctl reboot").catch(() => undefined);
      await labRestartAfterReboot(name);
      let status = 0;
      for (let i = 0; i < 150 && status !== 401; i++) {
        await new Promise((r) => setTimeout(r, 2000));
        status = curl(info.netns.lan, `${base()}/api/`)[0];
      }
      expect(status).toBe(401);
      // Onboarding is complete: nothing to claim after a reboot either.
      expect(curl(info.netns.lan, `${base()}/api/onboarding`)[0]).toBe(404);
    }, 600_000);

    // Before the ban test: that one then also proves the repaired setting at work.
    test("drift made inside Home Assistant (IP bans turned off in its own store) is reported by the next up and set back by it; the up after that changes nothing", async () => {
      const { info, shell, haConfig } = up();
      const uid = (await mustRun(shell, "id", `id -u ${USER}`)).trim();
      const userUnit = (verb: string) => `runuser -u ${USER} -- env XDG_RUNTIME_DIR=/run/user/${uid} systemctl --user ${verb} ${HA_PATHS.unit}.service`;
      const store = `${DIR}/${HA_PATHS.httpStore}`;
      await mustRun(shell, "stop Home Assistant", userUnit("stop"));
      await mustRun(shell, "turn IP bans off in its store", `sed -i 's/"ip_ban_enabled": true/"ip_ban_enabled": false/' ${store} && grep -c '"ip_ban_enabled": false' ${store}`);
      await mustRun(shell, "start Home Assistant", userUnit("start"));
      let status = 0;
      for (let i = 0; i < 150 && status !== 401; i++) {
        await new Promise((r) => setTimeout(r, 2000));
        status = curl(info.netns.lan, `${base()}/api/`)[0];
      }
      expect(status).toBe(401);
      const repair = labApply(name, "lab", haConfig);
      expect({ code: repair.code, tail: repair.code === 0 ? "" : (repair.stdout + repair.stderr).split("\n").slice(-30).join("\n") }).toEqual({ code: 0, tail: "" });
      expect(repair.stdout).toContain("host lab: Home Assistant's http settings differ from the stack: ip_ban_enabled is false, the stack says true; this up sets them again (step lab-ha-owner)");
      expect(applyCounts(repair.stdout)).toMatchObject({ created: 0, updated: 0, replaced: 1, deleted: 0 });
      const http = JSON.parse(await mustRun(shell, "read the http store", `cat ${store}`)).data;
      expect(http.stable).toMatchObject({ ip_ban_enabled: true, login_attempts_threshold: 5 });
      expect(http.pending).toBeNull();
      const again = labApply(name, "lab", haConfig);
      expect(again.code).toBe(0);
      expect(again.stdout).not.toContain("differ from the stack");
      expect(applyCounts(again.stdout)).toMatchObject({ created: 0, updated: 0, replaced: 0, deleted: 0 });
    }, 1_200_000);

    test("repeated wrong passwords from one LAN client get that client banned by Home Assistant itself", async () => {
      const { info, shell } = up();
      const source = freshSource(info.netns.lan);
      for (let i = 0; i < 5; i++) expect(loginFlow(info.netns.lan, base(), LAB_HA_OWNER.username, `wrong-${i}`).type).toBe("form");
      expect(curl(info.netns.lan, `${base()}/api/`)[0]).toBe(403);
      expect(await mustRun(shell, "ip_bans.yaml", `cat ${DIR}/ip_bans.yaml`)).toContain(source);
    });
  });
}
