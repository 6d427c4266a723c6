import * as YAML from "yaml";

/** Where a setting is written in the stack file: its config key and the region of `key: value` (1-based). */
export interface SettingLocation {
  /** As config errors name it, e.g. `ha-hardened-host:hosts[0].sshd.extraSettings.PasswordAuthentication`. */
  configKey: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  /** The column just after the value (SARIF's exclusive end). */
  endColumn: number;
  /** The source text of the region, `PasswordAuthentication: "yes"`. */
  snippet: string;
}

/** The directive a sshd finding quotes: `found \`PermitRootLogin yes\` on line 3`. */
const QUOTED_DIRECTIVE = /found `([A-Za-z][A-Za-z0-9]*)/;

/**
 * Finds, in a stack file's text, the setting a finding is about. Today that is an `sshd.extraSettings` entry
 * of the host: the only place a stack can put a setting the pack refuses (the rest is validated before any
 * resource exists). Positions come from the `yaml` document's node ranges, so comments, quoting and flow
 * style are located as written.
 */
export class StackFileLocator {
  private readonly doc: YAML.Document.Parsed;
  private readonly lines = new YAML.LineCounter();

  constructor(
    private readonly text: string,
    /** The project name, the `project:` prefix of the config keys. */
    private readonly project: string,
  ) {
    this.doc = YAML.parseDocument(text, { lineCounter: this.lines });
  }

  /** The `sshd.extraSettings` entry of `host` that `message` is about; undefined when it is about none. */
  extraSettingFor(host: string, message: string): SettingLocation | undefined {
    const hostsKey = `${this.project}:hosts`;
    const hosts = this.doc.getIn(["config", hostsKey], true);
    if (!YAML.isSeq(hosts)) return undefined;
    const index = hosts.items.findIndex((h) => YAML.isMap(h) && h.get("name") === host);
    if (index < 0) return undefined;
    const settings = this.doc.getIn(["config", hostsKey, index, "sshd", "extraSettings"], true);
    if (!YAML.isMap(settings)) return undefined;
    const pairs = settings.items.filter((p): p is YAML.Pair<YAML.Scalar, YAML.Node> => YAML.isScalar(p.key) && typeof p.key.value === "string");
    const named = (keyword: string) => pairs.find((p) => (p.key.value as string).toLowerCase() === keyword.toLowerCase());
    const quoted = QUOTED_DIRECTIVE.exec(message)?.[1];
    const words = message.match(/[A-Za-z][A-Za-z0-9]*/g) ?? [];
    const pair = quoted !== undefined ? named(quoted) : words.map(named).find((p) => p !== undefined);
    if (!pair || !pair.key.range) return undefined;
    const start = pair.key.range[0];
    const end = pair.value?.range ? pair.value.range[1] : pair.key.range[1];
    const from = this.lines.linePos(start);
    const to = this.lines.linePos(end);
    return {
      configKey: `${hostsKey}[${index}].sshd.extraSettings.${pair.key.value as string}`,
      startLine: from.line,
      startColumn: from.col,
      endLine: to.line,
      endColumn: to.col,
      snippet: this.text.slice(start, end),
    };
  }
}
