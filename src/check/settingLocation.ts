import * as YAML from "yaml";
import { JUDGED_SETTINGS } from "../config/schema";

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

/** The name a finding quotes as found: the directive of `found \`PermitRootLogin yes\``. */
const QUOTED_NAME = /found `([A-Za-z][A-Za-z0-9]*)/;

/**
 * Finds, in a stack file's text, the setting a finding is about: an entry under one of the host's judged
 * settings (each concern names where a stack writes what its policies judge, e.g. `sshd.extraSettings`,
 * `updates.extraOrigins`; the rest is validated before any resource exists). A map entry is found by the name
 * the finding quotes (else names as a whole word, whatever its case), a list entry by its value quoted in the
 * finding. Positions come from the `yaml` document's node ranges, so comments, quoting and flow style are
 * located as written.
 */
export class StackFileLocator {
  private readonly doc: YAML.Document.Parsed;
  private readonly lines = new YAML.LineCounter();

  constructor(
    private readonly text: string,
    /** The project name, the `project:` prefix of the config keys. */
    private readonly project: string,
    /** Host-relative dotted paths of the judged settings. */
    private readonly judged: readonly string[] = JUDGED_SETTINGS,
  ) {
    this.doc = YAML.parseDocument(text, { lineCounter: this.lines });
  }

  /** The judged setting of `host` that `message` is about; undefined when it is about none the file writes. */
  settingFor(host: string, message: string): SettingLocation | undefined {
    const hostsKey = `${this.project}:hosts`;
    const hosts = this.doc.getIn(["config", hostsKey], true);
    if (!YAML.isSeq(hosts)) return undefined;
    const index = hosts.items.findIndex((h) => YAML.isMap(h) && h.get("name") === host);
    if (index < 0) return undefined;
    for (const judged of this.judged) {
      const node = this.doc.getIn(["config", hostsKey, index, ...judged.split(".")], true);
      const found = YAML.isMap(node) ? mapEntryFor(node, message) : YAML.isSeq(node) ? listEntryFor(node, message) : undefined;
      if (found) return this.locate(`${hostsKey}[${index}].${judged}${found.suffix}`, found.start, found.end);
    }
    return undefined;
  }

  private locate(configKey: string, start: number, end: number): SettingLocation {
    const from = this.lines.linePos(start);
    const to = this.lines.linePos(end);
    return { configKey, startLine: from.line, startColumn: from.col, endLine: to.line, endColumn: to.col, snippet: this.text.slice(start, end) };
  }
}

interface Found {
  /** Appended to the judged path: `.PasswordAuthentication`, `[1]`. */
  suffix: string;
  start: number;
  end: number;
}

function mapEntryFor(map: YAML.YAMLMap, message: string): Found | undefined {
  const pairs = map.items.filter((p): p is YAML.Pair<YAML.Scalar, YAML.Node> => YAML.isScalar(p.key) && typeof p.key.value === "string");
  const named = (name: string) => pairs.find((p) => (p.key.value as string).toLowerCase() === name.toLowerCase());
  const quoted = QUOTED_NAME.exec(message)?.[1];
  const words = message.match(/[A-Za-z][A-Za-z0-9]*/g) ?? [];
  const pair = quoted !== undefined ? named(quoted) : words.map(named).find((p) => p !== undefined);
  if (!pair?.key.range) return undefined;
  return { suffix: `.${pair.key.value as string}`, start: pair.key.range[0], end: pair.value?.range ? pair.value.range[1] : pair.key.range[1] };
}

function listEntryFor(seq: YAML.YAMLSeq, message: string): Found | undefined {
  const at = seq.items.findIndex((item) => YAML.isScalar(item) && item.value !== null && [`"${String(item.value)}"`, `\`${String(item.value)}\``].some((q) => message.includes(q)));
  const item = seq.items[at];
  if (at < 0 || !YAML.isScalar(item) || !item.range) return undefined;
  return { suffix: `[${at}]`, start: item.range[0], end: item.range[1] };
}
