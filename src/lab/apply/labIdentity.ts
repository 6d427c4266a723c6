import * as fs from "fs";
import * as path from "path";
import { generateKeyPair } from "../../concerns/access/generateKeyPair";
import { keyBlobOf } from "../../core/keyMaterial";

/**
 * The secrets a lab apply feeds into the stack in place of the `secure:` values only the Pulumi CLI can
 * decrypt: generated once, kept as 0600 files in a 0700 folder (by default <lab state dir>/identity).
 */
export interface LabIdentity {
  dir: string;
  /** The admin's own login (what a user's laptop key would be): authorizedKeys, `lab ssh`, the probes. */
  operatorKeyPath: string;
  operatorPublicKey: string;
  /** automationKey: what the apply logs in with as the admin. */
  automationKeyPath: string;
  automationPublicKey: string;
  hostEd25519Path: string;
  hostEd25519Public: string;
  hostRsaPath: string;
}

const FILES = {
  operator: "operator_ed25519",
  automation: "automation_ed25519",
  hostEd25519: "ssh_host_ed25519_key",
  hostRsa: "ssh_host_rsa_key",
} as const;

function ensureKey(dir: string, file: string, type: "ed25519" | "rsa", comment: string): string {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) {
    // The same generator `npm run identity` gives users.
    const pair = generateKeyPair(type, comment);
    const tmp = `${p}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, pair.privateKey, { mode: 0o600 });
    fs.renameSync(tmp, p);
    fs.writeFileSync(`${p}.pub`, pair.publicKey + "\n", { mode: 0o644 });
  }
  fs.chmodSync(p, 0o600);
  return p;
}

function publicOf(p: string): string {
  return keyBlobOf(fs.readFileSync(`${p}.pub`, "utf8"));
}

export function ensureLabIdentity(dir: string): LabIdentity {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const operatorKeyPath = ensureKey(dir, FILES.operator, "ed25519", "lab-operator");
  const automationKeyPath = ensureKey(dir, FILES.automation, "ed25519", "lab-automation");
  const hostEd25519Path = ensureKey(dir, FILES.hostEd25519, "ed25519", "lab-host");
  const hostRsaPath = ensureKey(dir, FILES.hostRsa, "rsa", "lab-host");
  return {
    dir,
    operatorKeyPath,
    operatorPublicKey: publicOf(operatorKeyPath),
    automationKeyPath,
    automationPublicKey: publicOf(automationKeyPath),
    hostEd25519Path,
    hostEd25519Public: publicOf(hostEd25519Path),
    hostRsaPath,
  };
}
