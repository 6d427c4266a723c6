import { RunError } from "@pulumi/pulumi/errors";

/** One problem in the stack config: the full key (`ha-hardened-host:hosts[0].address`) and what is wrong. */
export interface ConfigProblem {
  key: string;
  message: string;
}

/**
 * Bad stack config. A RunError, so the Pulumi CLI prints only the message (no stack trace);
 * the message lists every problem, one per line, `key: message`.
 */
export class ConfigError extends RunError {
  readonly problems: readonly ConfigProblem[];
  /** Marks instances across module copies (RunError.isInstance works the same way). */
  readonly __haHardenedHostConfigError = true;

  constructor(problems: readonly ConfigProblem[]) {
    super(ConfigError.format(problems));
    this.name = "ConfigError";
    this.problems = problems;
  }

  static format(problems: readonly ConfigProblem[]): string {
    const n = problems.length;
    const head = `the stack config has ${n} problem${n === 1 ? "" : "s"}:`;
    return [head, ...problems.map((p) => `  ${p.key}: ${p.message}`)].join("\n");
  }

  static isInstance(obj: unknown): obj is ConfigError {
    return typeof obj === "object" && obj !== null && (obj as { __haHardenedHostConfigError?: unknown }).__haHardenedHostConfigError === true;
  }
}
