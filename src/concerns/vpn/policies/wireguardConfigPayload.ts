import type { Step } from "../../../core/policy/readStep";

/** Paths whose content wg-quick reads as an interface config. */
export function isWireguardConfigPath(path: string): boolean {
  return /^\/etc\/wireguard\/[^/]+\.conf$/.test(path);
}

/** The WireGuard config a step puts on the host, with a subject for messages; undefined when it writes none. */
export function wireguardConfigPayload(step: Step): { subject: string; readText: () => string } | undefined {
  const m = step.manifest;
  if (m.kind === "wireguard-config" || (m.kind === "file" && isWireguardConfigPath(m.path))) {
    return { subject: `${m.host}:${m.path}`, readText: () => step.readStdin() };
  }
  return undefined;
}
