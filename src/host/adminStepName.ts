/** The resource name of a host's step in the admin phase (the phase every step after the bootstrap runs in). */
export function adminStepName(host: string, step: string): string {
  return `${host}-${step}`;
}
