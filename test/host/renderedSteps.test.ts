import { createHash } from "crypto";
import { SECRET_SIG_KEY } from "../../src/preview/capturedResource";
import { configSourceFromMap } from "../../src/core/configSource";
import { runProgram } from "../../src/program";
import { configMap, validHost } from "../support/keyFixtures";
import { wireguardPublicKeyOf } from "../../src/concerns/vpn/wireguardKeys";
import { recordProgram } from "../support/recordProgram";

/**
 * What lands on a host is pinned: every step's name, script, arguments, non-secret payload (SSH keys masked: they
 * are generated per run; the WireGuard keys are fixed, as a digest of the config is an argument), options and
 * dependencies, hashed. A change to any of them re-runs that step on every
 * host at the next `up`, so it must be deliberate: update DIGEST in the same commit, saying why.
 */
const DIGEST = "98f63a432d645309f6442b1e4b69caae53a78582719405d3bc239aa363afe212";

const isSecret = (v: unknown): boolean => v !== null && typeof v === "object" && SECRET_SIG_KEY in (v as object);
const maskKeys = (text: string): string => text.replace(/(ssh-ed25519|ssh-rsa|ecdsa-sha2-\S+) AAAA[A-Za-z0-9+/=]+/g, "$1 <key>");

async function renderedSteps(): Promise<string> {
  const fixedKey = (byte: number) => Buffer.alloc(32, byte).toString("base64");
  const vpn = {
    endpoint: "home.example.org:51820",
    serverPrivateKey: fixedKey(1),
    forwardToLan: true,
    peers: [{ name: "phone", id: 2, publicKey: wireguardPublicKeyOf(fixedKey(2)), privateKey: fixedKey(2), presharedKey: fixedKey(3) }],
  };
  // Home Assistant on both: a Quadlet file on Debian 13, a plain user unit on Debian 12.
  const homeAssistant = { image: `ghcr.io/home-assistant/home-assistant:2026.11.0@sha256:${"ab".repeat(32)}`, owner: { name: "Alex", username: "alex", password: "correct horse battery" } };
  const m = configMap([validHost({ vpn, homeAssistant }), validHost({ name: "ha-mini", address: "192.168.1.21", os: "debian-12", sshPort: 2222, homeAssistant })]);
  const r = await recordProgram(() => runProgram(configSourceFromMap(m.config, m.secretKeys)), m);
  if (r.error) throw r.error;
  const nameOf = new Map(r.registrations.map((x) => [x.urn, x.name]));
  return r.registrations
    .map((x) => {
      const i = x.wireInputs;
      const stdin = i.stdin === undefined ? "" : isSecret(i.stdin) ? "<secret>" : maskKeys(String(i.stdin));
      const connection = isSecret(i.connection) ? "<secret>" : JSON.stringify({ ...i.connection, privateKey: undefined, hostKey: undefined });
      return JSON.stringify([x.type, x.name, i.create ?? "", stdin, i.triggers ?? null, i.logging ?? null, connection, x.ignoreChanges, x.additionalSecretOutputs, x.dependencies.map((d) => nameOf.get(d)).sort()]);
    })
    .join("\n");
}

test("the steps that land on hosts are exactly the pinned ones (update DIGEST deliberately when they change)", async () => {
  const text = await renderedSteps();
  expect(text).not.toMatch(/src\/|\.ts\b|issue \d/); // no source paths or build words reach a host
  expect(createHash("sha256").update(text).digest("hex")).toBe(DIGEST);
});
