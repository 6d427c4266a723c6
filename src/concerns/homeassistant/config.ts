import { z } from "zod";
import { cidrProblem } from "../../core/network";
import { cidrContains, parseCidr } from "../../core/cidr";
import type { ConfigDefault } from "../../core/defaults";
import { isOpaqueSecret } from "../../core/opaqueSecret";
import { doc, port, show } from "../../core/schemaFields";

export const HA_PORT: ConfigDefault<number> = {
  value: 8123,
  reason: "Home Assistant's own port, the one its apps and documentation expect.",
};
export const HA_IP_BAN: ConfigDefault<boolean> = {
  value: true,
  reason: "Home Assistant bans an address after repeated failed logins only when bans are on; the UI is reachable from the VPN.",
};
export const HA_LOGIN_ATTEMPTS: ConfigDefault<number> = {
  value: 5,
  reason: "Home Assistant's own default (-1) never bans; 5 failed logins from one address is more than a person mistyping.",
};
export const HA_TRUSTED_PROXIES: ConfigDefault<string[]> = {
  value: [],
  reason: "No reverse proxy in front: Home Assistant sees every client's own address and trusts no X-Forwarded-For.",
};
export const HA_LANGUAGE: ConfigDefault<string> = {
  value: "en",
  reason: "The language onboarding names the default areas in; change it in the owner's profile afterwards.",
};
export const HA_DEVICES: ConfigDefault<string[]> = {
  value: [],
  reason: "No radio stick is assumed; each one is passed into the container by its stable path.",
};
export const HA_SECRETS: ConfigDefault<Record<string, string>> = {
  value: {},
  reason: "secrets.yaml holds only what you put there; Home Assistant reads it for `!secret name` references.",
};
export const HA_TRUSTED_NETWORKS: ConfigDefault<string[]> = {
  value: [],
  reason: "Every login needs the owner's password; trusted networks skip that, a deliberate choice.",
};

/** A container image pinned by digest: `registry/name[:tag]@sha256:<64 hex>`. */
export const PINNED_IMAGE = /^[a-z0-9][a-z0-9._:/-]*@sha256:[0-9a-f]{64}$/;
/** secrets.yaml keys: what `!secret name` can name. */
export const SECRET_NAME = /^[a-z][a-z0-9_]{0,63}$/;
/** Stable device paths: the udev by-id links survive a replug into another port. */
export const DEVICE_PATH = /^\/dev\/(serial\/by-id\/[A-Za-z0-9_.:+-]+|tty(USB|ACM)[0-9]+)$/;

const secretText = (key: string) =>
  z.string({ error: `must be text set with \`pulumi config set --secret --path ${key}\`` }).min(1, { error: "must not be empty" });

const network = z.string({ error: "must be a network in CIDR notation" }).superRefine((v, ctx) => {
  const p = cidrProblem(v);
  if (p) ctx.addIssue({ code: "custom", message: p });
});

const ownerSchema = z.strictObject({
  name: doc(z.string({ error: "must be the owner's display name (text)" }).min(1, { error: "must not be empty" }).max(64, { error: "must be at most 64 characters" }), {
    description: "The owner's display name in Home Assistant.",
    example: "Alex",
  }),
  username: doc(
    z.string({ error: "must be a login name (text)" }).regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
      error: (iss) => `must be 1-64 lowercase letters, digits, . _ and - (Home Assistant lowercases login names), not ${show(iss.input)}`,
    }),
    { description: "The owner's login name.", example: "alex" },
  ),
  password: doc(
    secretText("hosts[N].homeAssistant.owner.password").superRefine((v, ctx) => {
      if (isOpaqueSecret(v)) return;
      if (v.length < 12) ctx.addIssue({ code: "custom", message: "must be at least 12 characters (the UI is reachable from the LAN and the VPN)" });
    }),
    { description: "The owner's password; the apply creates the owner with it through Home Assistant's onboarding API, on stdin.", secret: true },
  ),
  language: doc(z.string({ error: "must be a language code" }).regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, { error: (iss) => `must be a language code such as en or de-CH, not ${show(iss.input)}` }).default(HA_LANGUAGE.value), {
    description: "The language onboarding uses.",
    defaultReason: HA_LANGUAGE.reason,
  }),
});

const httpSchema = z.strictObject({
  ipBanEnabled: doc(z.boolean({ error: (iss) => `must be true or false, not ${show(iss.input)}` }).default(HA_IP_BAN.value), {
    description: "Home Assistant's own ban of an address after `loginAttemptsThreshold` failed logins (`ip_bans.yaml`).",
    defaultReason: HA_IP_BAN.reason,
  }),
  loginAttemptsThreshold: doc(
    z.number({ error: (iss) => `must be a whole number 1-100, not ${show(iss.input)}` }).int({ error: (iss) => `must be a whole number, not ${show(iss.input)}` })
      .min(1, { error: (iss) => `must be 1 or more (Home Assistant's -1 never bans), not ${show(iss.input)}` }).max(100, { error: (iss) => `must be 100 or less, not ${show(iss.input)}` })
      .default(HA_LOGIN_ATTEMPTS.value),
    { description: "Failed logins from one address before Home Assistant bans it.", defaultReason: HA_LOGIN_ATTEMPTS.reason },
  ),
  trustedProxies: doc(z.array(network, { error: "must be a list of networks in CIDR notation" }).default(HA_TRUSTED_PROXIES.value), {
    description: "Reverse proxies whose X-Forwarded-For Home Assistant trusts (use_x_forwarded_for is on exactly when this list is not empty).",
    defaultReason: HA_TRUSTED_PROXIES.reason,
    defaultShown: "[]",
  }),
});

const trustedNetworksSchema = z.strictObject({
  networks: doc(z.array(network, { error: "must be a list of networks in CIDR notation" }).default(HA_TRUSTED_NETWORKS.value), {
    description: "Networks whose clients may log in without a password (the `trusted_networks` auth provider, beside the password one).",
    defaultReason: HA_TRUSTED_NETWORKS.reason,
    defaultShown: "[]",
  }),
  allowBypassLogin: doc(z.boolean({ error: (iss) => `must be true or false, not ${show(iss.input)}` }).default(false), {
    description: "true skips even the user picker; allowed only when every trusted network is a single host.",
    defaultReason: "A whole network without any login is anyone on it, guests and compromised devices included.",
  }),
});

const homeAssistantObject = z.strictObject({
  image: doc(
    z.string({ error: "must be a container image pinned by digest" }).regex(PINNED_IMAGE, {
      error: (iss) => `must be an image pinned by digest, like ghcr.io/home-assistant/home-assistant:2026.11.0@sha256:<64 hex digits>, not ${show(iss.input)}`,
    }),
    {
      description: "The Home Assistant Container image, pinned by digest: it changes only when you change this line (`podman pull` prints the digest).",
      example: "ghcr.io/home-assistant/home-assistant:2026.11.0@sha256:…",
    },
  ),
  port: doc(port("homeAssistant.port").default(HA_PORT.value), {
    description: "The port Home Assistant serves on, open from the LAN and the VPN only.",
    defaultReason: HA_PORT.reason,
  }),
  owner: doc(ownerSchema, { description: "The owner the apply creates through onboarding, before the port opens to anyone but the host itself." }),
  http: doc(httpSchema.prefault({}), {
    description: "Home Assistant's `http` settings, applied through its own API and read back on every apply that changes them.",
    defaultReason: "Bans on; each key's default and reason is its own row.",
  }),
  trustedNetworks: doc(trustedNetworksSchema.prefault({}), {
    description: "The optional password-less login for chosen networks.",
    defaultReason: "Off; each key's default and reason is its own row.",
  }),
  devices: doc(
    z.array(z.string({ error: "must be a device path" }).regex(DEVICE_PATH, { error: (iss) => `must be /dev/serial/by-id/… (or /dev/ttyUSBn, /dev/ttyACMn), not ${show(iss.input)}` }), {
      error: "must be a list of device paths",
    }).default(HA_DEVICES.value),
    { description: "Radio sticks (Zigbee, Z-Wave) passed into the container; homeassistant joins dialout for them.", defaultReason: HA_DEVICES.reason, defaultShown: "[]" },
  ),
  secrets: doc(
    z.record(
      z.string().regex(SECRET_NAME, { error: (iss) => `must be a secret name of lowercase letters, digits and _ (starting with a letter), not ${show(iss.input)}` }),
      secretText("hosts[N].homeAssistant.secrets.NAME"),
      { error: "must be a mapping of secret names to values" },
    ).default(HA_SECRETS.value),
    { description: "What secrets.yaml holds (0600, owned by homeassistant): each value set with `pulumi config set --secret --path`.", defaultReason: HA_SECRETS.reason, defaultShown: "{}", secret: true },
  ),
});

/** Whether a network (CIDR) is a single host: an IPv4 /32 or an IPv6 /128. */
const isSingleHost = (cidr: string): boolean => {
  const c = parseCidr(cidr);
  return c !== undefined && c.prefix === (c.family === 4 ? 32 : 128);
};

/** What spans keys: a proxy that is a trusted network logs everyone in; bypass over a network logs in whoever is on it. */
export function homeAssistantProblems(ha: Pick<HomeAssistantConfig, "http" | "trustedNetworks">): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const proxies = ha.http.trustedProxies.map((p) => ({ text: p, cidr: parseCidr(p) }));
  ha.trustedNetworks.networks.forEach((n, i) => {
    const network = parseCidr(n);
    const proxy = network && proxies.find((p) => p.cidr && p.cidr.family === network.family && (cidrContains(network, p.cidr) || cidrContains(p.cidr, network)));
    if (proxy) out.push({ path: ["trustedNetworks", "networks", i], message: `must not overlap the trusted proxy ${proxy.text}, not ${n}: every request through the proxy would come from a trusted network` });
    if (ha.trustedNetworks.allowBypassLogin && !isSingleHost(n)) {
      out.push({ path: ["trustedNetworks", "networks", i], message: `must be a single host (/32 or /128) while allowBypassLogin is true, not ${n}` });
    }
  });
  return out;
}

export type HomeAssistantConfig = z.output<typeof homeAssistantObject>;

export const homeAssistantSchema = homeAssistantObject.superRefine((ha, ctx) => {
  for (const p of homeAssistantProblems(ha)) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
});

/** The homeassistant concern's slice of a host entry: absent, the host runs no Home Assistant. */
export const hostFields = {
  homeAssistant: doc(homeAssistantSchema.optional(), {
    description: "Home Assistant Container under rootless Podman as the homeassistant user, onboarded by the apply.",
    defaultShown: "none (no Home Assistant)",
  }),
};
