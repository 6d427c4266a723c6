import { generateKeyPair, GeneratedKeyPair } from "../../src/concerns/access/generateKeyPair";

/**
 * Real key material for tests, generated once per test file (RSA is slow): stands for what
 * `npm run identity` and a user's own keys would put in a stack.
 */
let cache: Record<string, GeneratedKeyPair> | undefined;

export function keys(): Record<"bootstrap" | "automation" | "hostEd25519" | "hostRsa" | "adminLaptop" | "freshBoxHost" | "rsa2048", GeneratedKeyPair> {
  if (!cache) {
    cache = {
      bootstrap: generateKeyPair("ed25519", "bootstrap"),
      automation: generateKeyPair("ed25519", "automation"),
      hostEd25519: generateKeyPair("ed25519", "host"),
      hostRsa: generateKeyPair("rsa", "host", 3072),
      adminLaptop: generateKeyPair("ed25519", "me@laptop"),
      freshBoxHost: generateKeyPair("ed25519", "fresh-box"),
      rsa2048: generateKeyPair("rsa", "weak", 2048),
    };
  }
  return cache as ReturnType<typeof keys>;
}

/** A valid host entry as the CLI would pass it (plaintext secrets), with overrides applied on top. */
export function validHost(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const k = keys();
  return {
    name: "ha-pi",
    address: "192.168.1.20",
    bootstrap: { user: "root", privateKey: k.bootstrap.privateKey, hostKey: k.freshBoxHost.publicKey.split(" ").slice(0, 2).join(" ") },
    admin: { user: "hhadmin", authorizedKeys: [k.adminLaptop.publicKey] },
    automationKey: k.automation.privateKey,
    hostKeys: { ed25519: k.hostEd25519.privateKey, rsa: k.hostRsa.privateKey },
    lanCidrs: ["192.168.1.0/24"],
    ...overrides,
  };
}

/** A config map with `hosts` as the CLI passes it (JSON text), secret like `pulumi config set --secret --path` makes it. */
export function configMap(hosts: unknown[], secret = true): { config: Record<string, string>; secretKeys: string[] } {
  return { config: { "ha-hardened-host:hosts": JSON.stringify(hosts) }, secretKeys: secret ? ["ha-hardened-host:hosts"] : [] };
}
