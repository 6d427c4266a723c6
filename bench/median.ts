/** The middle value (the upper one of the two for an even count): what the benchmarks report. */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}
