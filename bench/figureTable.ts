/** One measured figure: what it is, its value as printed, and how it was measured. */
export interface Figure {
  label: string;
  value: string;
  how: string;
}

/** The figures as a three-column text table, one line per figure (the last thing `npm run bench` prints). */
export function figureTable(figures: readonly Figure[]): string[] {
  const header: Figure = { label: "figure", value: "value", how: "how measured" };
  const rows = [header, ...figures];
  const w1 = Math.max(...rows.map((f) => f.label.length));
  const w2 = Math.max(...rows.map((f) => f.value.length));
  const line = (f: Figure): string => `${f.label.padEnd(w1)}  ${f.value.padStart(w2)}  ${f.how}`.trimEnd();
  return [line(header), `${"-".repeat(w1)}  ${"-".repeat(w2)}  ${"-".repeat(12)}`, ...figures.map(line)];
}

/** Milliseconds as seconds with `digits` decimals ("n/a" when not measured). */
export function seconds(ms: number, digits = 2): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(digits)} s` : "n/a";
}
