import { randomBytes } from "crypto";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isolatedEnvironment, stackInitOutsideProject } from "../../src/engine/pulumiEngine";
import { generateKeyPair } from "../../src/concerns/access/generateKeyPair";
import { labStackFile } from "../../src/lab/apply/labStackFile";

/** The project root (tests run from the sources; `npm test` builds dist/ and the pack first). */
export const ROOT = path.resolve(__dirname, "..", "..");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A throw-away Pulumi workspace for the real CLI: its own file backend and passphrase in a temp dir, stack
 * files written there and passed with --config-file, so the project's stacks/ is never touched.
 */
export class EngineWorkspace {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "hh-engine-"));
  readonly stacksDir = path.join(this.dir, "stacks");
  readonly env: NodeJS.ProcessEnv;

  constructor() {
    fs.mkdirSync(path.join(this.dir, "state"));
    fs.mkdirSync(this.stacksDir);
    this.env = isolatedEnvironment(path.join(this.dir, "state"), { value: "test-passphrase" });
  }

  /**
   * `pulumi stack init` from a scratch copy of the project's name, so the salt it writes lands there and the
   * stack's config lives only in the file passed with --config-file.
   */
  init(stack: string, project = "ha-hardened-host"): void {
    const [scratch, args] = stackInitOutsideProject(path.join(this.dir, `init-${project}`), stack, project);
    const r = this.pulumi(args, { cwd: scratch });
    if (r.code !== 0) throw new Error(`pulumi stack init ${stack} failed: ${r.stderr}`);
  }

  /** `pulumi config set [--secret] --path KEY` on the stack's file; a secret's value travels on stdin. */
  set(stack: string, key: string, value: string, opts: { secret?: boolean; cwd?: string } = {}): void {
    const args = ["config", "set", "--path", key, "--stack", stack, "--config-file", this.stackFile(stack)];
    const r = opts.secret ? this.pulumi([...args, "--secret"], { input: value, cwd: opts.cwd }) : this.pulumi([...args, "--", value], { cwd: opts.cwd });
    if (r.code !== 0) throw new Error(`pulumi config set ${key} failed: ${r.stderr}`);
  }

  stackFile(stack: string): string {
    return path.join(this.stacksDir, `Pulumi.${stack}.yaml`);
  }

  pulumi(args: string[], opts: { cwd?: string; input?: string; timeoutMs?: number } = {}): CliRun {
    const r = spawnSync("pulumi", args, { cwd: opts.cwd ?? ROOT, env: this.env, input: opts.input ?? "", encoding: "utf8", timeout: opts.timeoutMs ?? 300_000 });
    return { code: r.status, stdout: r.stdout ?? "", stderr: (r.stderr ?? "") + (r.error ? String(r.error) : "") };
  }

  /**
   * A stack made the way the README tells a user to: the committed stack file's plain values (with `overrides`),
   * `stack init`, then the secrets set with `pulumi config set --secret`, each value on stdin.
   */
  stackFrom(source: string, stack: string, overrides: Record<string, unknown> = {}): void {
    const automation = generateKeyPair("ed25519", `${stack} automation`);
    const hostEd = generateKeyPair("ed25519", `${stack} host key`);
    const pub = (k: string): string => k.split(" ").slice(0, 2).join(" ");
    const h = "ha-hardened-host:hosts[0]";
    const text = fs.readFileSync(path.join(ROOT, "stacks", `Pulumi.${source}.yaml`), "utf8");
    fs.writeFileSync(this.stackFile(stack), labStackFile(text, { [`${h}.automationPublicKey`]: pub(automation.publicKey), [`${h}.hostKeys.ed25519Public`]: pub(hostEd.publicKey), ...overrides }));
    this.init(stack);
    const secrets: Record<string, string> = {
      [`${h}.bootstrap.privateKey`]: generateKeyPair("ed25519", "bootstrap").privateKey,
      [`${h}.automationKey`]: automation.privateKey,
      [`${h}.hostKeys.ed25519`]: hostEd.privateKey,
      [`${h}.hostKeys.rsa`]: generateKeyPair("rsa", `${stack} host key`, 3072).privateKey,
      // As the README tells a user: the owner's password replaces the example's placeholder.
      ...(/^\s+homeAssistant:/m.test(text) ? { [`${h}.homeAssistant.owner.password`]: randomBytes(18).toString("base64url") } : {}),
    };
    for (const [key, value] of Object.entries(secrets)) this.set(stack, key, value, { secret: true });
  }

  /** `pulumi preview --policy-pack policies` of a stack made by stackFrom. */
  preview(stack: string, extra: string[] = []): CliRun {
    return this.pulumi(["preview", "--stack", stack, "--config-file", this.stackFile(stack), "--policy-pack", path.join(ROOT, "policies"), "--non-interactive", ...extra]);
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
