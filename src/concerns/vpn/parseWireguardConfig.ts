/** One section of a wg-quick config: its name, line and `Key = value` settings (keys as written). */
export interface WireguardSection {
  name: string;
  line: number;
  settings: { key: string; value: string; line: number }[];
}

/** Splits a wg-quick config into its sections; comments and blank lines are dropped, settings before a section kept under "". */
export function parseWireguardConfig(text: string): WireguardSection[] {
  const sections: WireguardSection[] = [{ name: "", line: 0, settings: [] }];
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") return;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) return void sections.push({ name: header[1].trim(), line: i + 1, settings: [] });
    const eq = line.indexOf("=");
    if (eq < 0) return;
    sections[sections.length - 1].settings.push({ key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim(), line: i + 1 });
  });
  return sections;
}
