/**
 * The client the apply runs inside the Home Assistant container (`podman exec -i … python3`), against
 * 127.0.0.1: Home Assistant's own Python and aiohttp, so the host needs neither. It reads one JSON document
 * on stdin, `{script, params}` (the bootstrap on the command line holds no value), and takes its phase as
 * argv[1]:
 *   claim     waits for Home Assistant, creates the owner through onboarding (or logs in as the owner when it
 *             exists) and finishes the remaining onboarding steps;
 *   configure removes the first-start package, then, from 2026.8 on, compares the http settings (WebSocket
 *             `http/config`) with the wanted ones and, when they differ, stages them (`http/config/configure`),
 *             which restarts Home Assistant; before 2026.8, which reads them from YAML at every start, writes
 *             the http package and asks the caller for a restart (a marker file keeps that request across an
 *             interruption);
 *   promote   once Home Assistant runs the staged settings, promotes them and reads them back; before 2026.8,
 *             once it is back, checks it did not fall back to recovery mode, and clears the restart marker.
 * It prints one JSON line. Exit codes: 0 done, 75 not yet (ask again), 2 login refused, 3 anything else.
 */
export const HA_CLIENT_BOOTSTRAP = 'import json,sys;d=json.load(sys.stdin);exec(compile(d["script"],"ha-hardened-host-client","exec"),{"P":d["params"],"PHASE":sys.argv[1]})';

export const HA_CLIENT_SCRIPT = String.raw`
import asyncio, ipaddress, json, os, sys, time
import aiohttp
from homeassistant.const import MAJOR_VERSION, MINOR_VERSION, __version__

# Before 2026.8 Home Assistant reads its http settings from YAML at every start; from 2026.8 on from its own store.
YAML_HTTP = (MAJOR_VERSION, MINOR_VERSION) < (2026, 8)
F = P["files"]

PORT = P["port"]
BASE = "http://127.0.0.1:%d" % PORT
CLIENT_ID = BASE + "/"
REDIRECT = BASE + "/?auth_callback=1"
MANAGED = tuple(P["managed"])

class NotYet(Exception): pass
class Refused(Exception): pass

def out(**kw):
    print(json.dumps(kw, sort_keys=True))

async def wait_ready(s, seconds):
    deadline = time.monotonic() + seconds
    while True:
        try:
            async with s.get(BASE + "/api/onboarding", timeout=aiohttp.ClientTimeout(total=5)) as r:
                if r.status == 200:
                    return await r.json()
                if r.status == 404:
                    # Onboarding is complete: its views are no longer registered.
                    return [{"step": k, "done": True} for k in ("user", "core_config", "analytics", "integration")]
        except (aiohttp.ClientError, asyncio.TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise NotYet("Home Assistant did not answer on %s within %d s" % (BASE, seconds))
        await asyncio.sleep(1)

async def token_for_code(s, code):
    async with s.post(BASE + "/auth/token", data={"grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID}) as r:
        if r.status != 200:
            raise Refused("the token exchange answered %d" % r.status)
        return (await r.json())["access_token"]

async def login(s):
    o = P["owner"]
    async with s.post(BASE + "/auth/login_flow", json={"client_id": CLIENT_ID, "handler": ["homeassistant", None], "redirect_uri": REDIRECT}) as r:
        flow = await r.json()
    async with s.post(BASE + "/auth/login_flow/" + flow["flow_id"], json={"client_id": CLIENT_ID, "username": o["username"], "password": o["password"]}) as r:
        step = await r.json()
    if step.get("type") != "create_entry":
        raise Refused("the owner %s cannot log in with the configured password (%s)" % (o["username"], step.get("errors")))
    return await token_for_code(s, step["result"])

async def claim(s):
    steps = {x["step"]: x["done"] for x in await wait_ready(s, 600)}
    o = P["owner"]
    created = False
    if not steps.get("user"):
        body = {"client_id": CLIENT_ID, "name": o["name"], "username": o["username"], "password": o["password"], "language": o["language"]}
        async with s.post(BASE + "/api/onboarding/users", json=body) as r:
            if r.status != 200:
                raise Refused("creating the owner answered %d: %s" % (r.status, (await r.text())[:200]))
            token = await token_for_code(s, (await r.json())["auth_code"])
        created = True
    else:
        token = await login(s)
    h = {"Authorization": "Bearer " + token}
    for step, path, body in (("core_config", "core_config", None), ("analytics", "analytics", None), ("integration", "integration", {"client_id": CLIENT_ID, "redirect_uri": REDIRECT})):
        if steps.get(step):
            continue
        async with s.post(BASE + "/api/onboarding/" + path, json=body, headers=h) as r:
            if r.status not in (200, 403):
                raise Refused("the onboarding step %s answered %d" % (step, r.status))
    out(owner="created" if created else "exists")

async def ws_call(s, token, *messages):
    async with s.ws_connect(BASE + "/api/websocket") as ws:
        await ws.receive_json()
        await ws.send_json({"type": "auth", "access_token": token})
        if (await ws.receive_json()).get("type") != "auth_ok":
            raise Refused("the WebSocket API refused the owner's token")
        results = []
        for i, m in enumerate(messages, 1):
            await ws.send_json({"id": i, **m})
            while True:
                msg = await ws.receive_json()
                if msg.get("id") == i and msg.get("type") == "result":
                    break
            if not msg.get("success"):
                code = (msg.get("error") or {}).get("code")
                if code == "not_running":
                    raise NotYet("Home Assistant is still starting")
                if code == "unknown_command":
                    raise Refused("this Home Assistant (%s) has no %s" % (__version__, m["type"]))
                raise Refused("%s failed: %s" % (m["type"], msg.get("error")))
            results.append(msg.get("result"))
        return results

def managed(conf):
    # use_x_forwarded_for false is the same as absent; trusted proxies as Home Assistant stores them.
    out = {}
    for k in MANAGED:
        if conf is None or k not in conf or (k == "use_x_forwarded_for" and conf[k] is False):
            continue
        out[k] = sorted(str(ipaddress.ip_network(p, strict=False)) for p in conf[k]) if k == "trusted_proxies" else conf[k]
    return out

def wanted():
    return managed(P["http"])

def remove(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass

def read(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return None

def write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.chmod(tmp, 0o640)
    os.replace(tmp, path)

def configure_yaml():
    # The marker first: a run cut off after it still restarts Home Assistant the next time. The first-start package
    # goes before the http package comes, as both name http.
    if os.path.exists(F["first_start"]) or read(F["http_yaml"]) != P["http_yaml"]:
        write(F["restart_pending"], "")
        remove(F["first_start"])
        write(F["http_yaml"], P["http_yaml"])
    if os.path.exists(F["restart_pending"]):
        out(http="yaml-restart", release=__version__)
    else:
        out(http="unchanged", release=__version__, stable=wanted())

async def configure(s):
    await wait_ready(s, 600)
    token = await login(s)
    if YAML_HTTP:
        configure_yaml()
        return
    # Home Assistant imported the YAML into its store at first start and ignores it since: it goes, so no repair
    # issue names leftover YAML (the first-start package; the http package of a release before 2026.8).
    for f in (F["first_start"], F["http_yaml"], F["restart_pending"]):
        remove(f)
    (conf,) = await ws_call(s, token, {"type": "http/config"})
    if managed(conf["stable"]) == wanted() and conf["pending"] is None:
        out(http="unchanged", stable=managed(conf["stable"]))
        return
    pending = conf["pending"]
    if pending is not None and not pending.get("error") and managed(pending) == wanted():
        # Staged already (a run cut off after configure): promote it rather than restart once more.
        out(http="staged")
        return
    (res,) = await ws_call(s, token, {"type": "http/config/configure", "config": P["http"]})
    out(http="restarting" if res.get("restart") else "staged")

async def promote_yaml(s, token):
    async with s.get(BASE + "/api/config", headers={"Authorization": "Bearer " + token}) as r:
        if r.status != 200:
            raise Refused("reading Home Assistant's configuration answered %d" % r.status)
        core = await r.json()
    if core.get("recovery_mode"):
        raise Refused("Home Assistant %s started in recovery mode: it refused its configuration, which includes the http package %s" % (__version__, F["http_yaml"]))
    remove(F["restart_pending"])
    out(http="yaml", release=__version__, stable=wanted())

async def promote(s):
    await wait_ready(s, 10)
    token = await login(s)
    if YAML_HTTP:
        await promote_yaml(s, token)
        return
    (conf,) = await ws_call(s, token, {"type": "http/config"})
    pending = conf["pending"]
    if pending is not None and pending.get("error"):
        raise Refused("Home Assistant could not run the new http settings (%s: %s); it went back to the previous ones" % (pending["error"], pending.get("error_message")))
    if pending is not None and conf["active_config_type"] != "pending":
        raise NotYet("Home Assistant has not restarted with the new http settings yet")
    if pending is not None:
        await ws_call(s, token, {"type": "http/config/promote"})
        (conf,) = await ws_call(s, token, {"type": "http/config"})
    got = managed(conf["stable"])
    if got != wanted() or conf["pending"] is not None:
        raise Refused("the http settings read back as %s, not %s" % (json.dumps(got, sort_keys=True), json.dumps(wanted(), sort_keys=True)))
    out(http="promoted", stable=got)

async def main():
    async with aiohttp.ClientSession() as s:
        await {"claim": claim, "configure": configure, "promote": promote}[PHASE](s)

try:
    asyncio.run(main())
except NotYet as e:
    print(str(e), file=sys.stderr); sys.exit(75)
except Refused as e:
    print(str(e), file=sys.stderr); sys.exit(2)
except Exception as e:
    print("%s: %s" % (type(e).__name__, e), file=sys.stderr); sys.exit(3)
`;
