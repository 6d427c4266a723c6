/** (policy, resource, level) of each violation a preview printed in its Policies section (the CLI prints one line per violation: level, severity, policy, resource). */
export function previewViolations(output: string): string[] {
  return [...output.matchAll(/^\s+- \[(mandatory|advisory|remediate)\] (?:\[severity: \w+\] +)?(\S+) +\(\S+: ([^)]+)\)/gm)].map((m) => `${m[2]} ${m[3]} ${m[1]}`).sort();
}
