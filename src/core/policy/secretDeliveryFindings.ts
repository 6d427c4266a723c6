/** What a step that carries a secret must keep secret in state. */
const SECRET_PARTS = ["stdin", "stdout", "stderr"];

/**
 * How a step carries a secret payload, judged from its resource: stdin, stdout and stderr secret in state, and no
 * log stream. One sentence per finding, `subject` naming what it delivers.
 */
export function secretDeliveryFindings(subject: string, step: { name: string; props: Record<string, unknown>; additionalSecretOutputs?: string[] }): string[] {
  const out: string[] = [];
  const missing = SECRET_PARTS.filter((p) => !(step.additionalSecretOutputs ?? []).includes(p));
  if (missing.length) out.push(`${subject} must be delivered by a step whose ${missing.join(", ")} stay secret in state; ${step.name} leaves them in plain text.`);
  if (step.props.logging !== "none") out.push(`${subject} must be delivered by a step that streams no log (logging: none); ${step.name} streams ${String(step.props.logging ?? "stdout and stderr")}.`);
  return out;
}
