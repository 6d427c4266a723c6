import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { isolatedEnvironment, stackInitOutsideProject } from "../src/engine/pulumiEngine";
import { PROJECT_NAME } from "../src/core/configKey";
import { generateKeyPair } from "../src/concerns/access/generateKeyPair";
import { labStackFile } from "../src/lab/apply/labStackFile";
import { readStackFile } from "../src/preview/readStackFile";
import { GroupRun, runGroup } from "./runGroup";

/** The project root (bench/*.ts compiles into dist/bench). */
const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Linux's limit on ONE environment string (MAX_ARG_STRLEN, 32 pages, the NUL included). The CLI hands the whole
 * decrypted stack config to the program and to the policy pack as one variable, PULUMI_CONFIG (pulumi/pulumi#8680,
 * #20402): past this size their exec fails with E2BIG and the preview cannot start.
 */
export const ENV_STRING_LIMIT = 131_072;

/** A stack's generated identity: the plain public copies and the secrets, keyed as `pulumi config set --path` takes them. */
interface StackIdentity {
  plain: Record<string, unknown>;
  secrets: Record<string, string>;
}

/**
 * A throw-away Pulumi workspace for the real CLI, as the tests make one (test/support/engineWorkspace.ts; bench
 * never imports test/): its own file backend and passphrase in a temp dir, stack files written there and passed
 * with --config-file, so neither the project's stacks/ nor its .pulumi-local/ is touched.
 */
export class BenchWorkspace {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "hh-bench-engine-"));
  readonly stacksDir = path.join(this.dir, "stacks");
  readonly env: NodeJS.ProcessEnv;
  /** The number of `pulumi config set --secret` calls made, for the log. */
  secretsSet = 0;

  constructor() {
    fs.mkdirSync(path.join(this.dir, "state"));
    fs.mkdirSync(this.stacksDir);
    this.env = isolatedEnvironment(path.join(this.dir, "state"), { value: "bench-passphrase" });
  }

  stackFile(stack: string): string {
    return path.join(this.stacksDir, `Pulumi.${stack}.yaml`);
  }

  /** `pulumi ARGS` (from the project root unless told), in its own process group, bounded in time. */
  pulumi(args: string[], opts: { cwd?: string; input?: string; timeoutMs?: number } = {}): Promise<GroupRun> {
    return runGroup("pulumi", args, { cwd: opts.cwd ?? ROOT, env: this.env, input: opts.input ?? "", timeoutMs: opts.timeoutMs ?? 120_000 });
  }

  /** `pulumi stack init` from a scratch project of the same name, so its salt never lands in the project's stacks/. */
  private async init(stack: string): Promise<void> {
    const [scratch, args] = stackInitOutsideProject(path.join(this.dir, "init"), stack, PROJECT_NAME);
    const r = await this.pulumi(args, { cwd: scratch });
    if (r.code !== 0) throw new Error(`pulumi stack init ${stack} failed (exit ${r.code ?? r.signal}): ${r.stderr.trim()}`);
  }

  /** `pulumi config set --secret --raw --path KEY` on the stack's file, the value on stdin (never in argv). */
  private async setSecret(stack: string, key: string, value: string): Promise<void> {
    const args = ["config", "set", "--secret", "--raw", "--path", key, "--stack", stack, "--config-file", this.stackFile(stack), "--non-interactive"];
    const r = await this.pulumi(args, { input: value });
    if (r.code !== 0) throw new Error(`pulumi config set --secret --path '${key}' failed (exit ${r.code ?? r.signal}): ${r.stderr.trim()}`);
    this.secretsSet++;
  }

  /** Per host a fresh identity: bootstrap key, automation key, Ed25519 and RSA-3072 host keys, and the two plain public copies. */
  private identity(sourceText: string, stack: string): StackIdentity {
    const hosts = (YAML.parse(sourceText)?.config?.[`${PROJECT_NAME}:hosts`] ?? []) as unknown[];
    if (!Array.isArray(hosts) || hosts.length === 0) throw new Error(`stack ${stack}: the source has no ${PROJECT_NAME}:hosts`);
    const pub = (k: string): string => k.split(" ").slice(0, 2).join(" ");
    const id: StackIdentity = { plain: {}, secrets: {} };
    for (let i = 0; i < hosts.length; i++) {
      const h = `${PROJECT_NAME}:hosts[${i}]`;
      const automation = generateKeyPair("ed25519", `${stack} h${i} automation`);
      const hostEd = generateKeyPair("ed25519", `${stack} h${i} host key`);
      id.plain[`${h}.automationPublicKey`] = pub(automation.publicKey);
      id.plain[`${h}.hostKeys.ed25519Public`] = pub(hostEd.publicKey);
      id.secrets[`${h}.bootstrap.privateKey`] = generateKeyPair("ed25519", "bootstrap").privateKey;
      id.secrets[`${h}.automationKey`] = automation.privateKey;
      id.secrets[`${h}.hostKeys.ed25519`] = hostEd.privateKey;
      id.secrets[`${h}.hostKeys.rsa`] = generateKeyPair("rsa", `${stack} h${i} host key`, 3072).privateKey;
    }
    return id;
  }

  /** Size of the `PULUMI_CONFIG=…` string the CLI gives the program and the pack: the decrypted config, as JSON. */
  private configEnvBytes(dir: string, stack: string, secrets: Record<string, string>): number {
    const { config } = readStackFile(dir, stack, secrets, Object.keys(secrets));
    return Buffer.byteLength(`PULUMI_CONFIG=${JSON.stringify(config)}`) + 1;
  }

  /** What configEnvBytes would be for a stack made from `sourceText`, without making it (no pulumi call). */
  estimateConfigEnvBytes(sourceText: string, stack: string): number {
    const dir = fs.mkdtempSync(path.join(this.dir, "estimate-"));
    try {
      const id = this.identity(sourceText, stack);
      fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), labStackFile(sourceText, id.plain));
      return this.configEnvBytes(dir, stack, id.secrets);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /**
   * A stack made the way the README tells a user to, from a stack file's text (its `secure:` placeholders
   * dropped): a fresh identity per host, the secrets set with `pulumi config set --secret` on stdin, the plain
   * public copies written into the file. Returns the host count and the size of its PULUMI_CONFIG string.
   */
  async stackFrom(sourceText: string, stack: string): Promise<{ hosts: number; configEnvBytes: number }> {
    const id = this.identity(sourceText, stack);
    fs.writeFileSync(this.stackFile(stack), labStackFile(sourceText, id.plain), { mode: 0o600 });
    const configEnvBytes = this.configEnvBytes(this.stacksDir, stack, id.secrets);
    await this.init(stack);
    for (const [key, value] of Object.entries(id.secrets)) await this.setSecret(stack, key, value);
    return { hosts: Object.keys(id.secrets).length / 4, configEnvBytes };
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
