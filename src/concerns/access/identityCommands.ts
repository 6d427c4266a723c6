import { shellQuote } from "../../core/remoteScript";
import { GENERATED_RSA_BITS } from "./generateKeyPair";
import { MissingKey } from "./missingIdentity";

/** Quotes a word only when the shell would otherwise change it. */
const word = (w: string) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(w) ? w : shellQuote(w));

/** argv for `pulumi config set` of a secret whose value arrives on stdin (never on the command line). */
export function setSecretArgs(stack: string, path: string): string[] {
  return ["config", "set", "--secret", "--path", path, "--stack", stack];
}

/** argv for `pulumi config set` of a plain (public) value. */
export function setPlainArgs(stack: string, path: string, value: string): string[] {
  return ["config", "set", "--path", path, "--stack", stack, "--", value];
}

/**
 * One self-contained shell line that makes the key with ssh-keygen in a private temp dir, stores it with
 * `pulumi config set --secret` (value on stdin), stores the public copy, and removes the files: for users
 * without the CLI here. Prints no secret and leaves none behind.
 */
export function sshKeygenCommand(stack: string, m: MissingKey): string {
  const type = m.kind === "ed25519" ? "-t ed25519" : `-t rsa -b ${GENERATED_RSA_BITS}`;
  const parts = [
    `d=$(mktemp -d)`,
    `ssh-keygen -q ${type} -N '' -C ${shellQuote(m.comment)} -f "$d/k"`,
    `pulumi ${setSecretArgs(stack, m.path).map(word).join(" ")} < "$d/k"`,
  ];
  if (m.publicPath) parts.push(`pulumi ${setPlainArgs(stack, m.publicPath, "VALUE").slice(0, -1).map(word).join(" ")} "$(cat "$d/k.pub")"`);
  return `( umask 077 && ${parts.join(" && ")}; rm -rf "$d" )`;
}

/** The line that stores a key file written by --print-secrets. */
export function fromFileCommand(stack: string, m: MissingKey, file: string, publicKey?: string): string {
  const lines = [`pulumi ${setSecretArgs(stack, m.path).map(word).join(" ")} < ${shellQuote(file)}`];
  if (m.publicPath && publicKey) lines.push(`pulumi ${setPlainArgs(stack, m.publicPath, publicKey).map(word).join(" ")}`);
  return lines.join("\n");
}
