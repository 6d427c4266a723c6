import { PINNED_IMAGE } from "./config";

/** Flags and settings that give a container more than its user has, as they appear in a Quadlet file or a podman command line. */
const PRIVILEGED = [
  { pattern: /--privileged\b|^\s*PodmanArgs=.*--privileged/m, what: "--privileged" },
  { pattern: /--cap-add[= ](all|ALL)\b|^\s*AddCapability=.*\b(all|ALL)\b/m, what: "every capability" },
  { pattern: /--userns[= ]host\b|^\s*UserNS=host\b/m, what: "the host's user namespace" },
  { pattern: /--pid[= ]host\b|^\s*Pod?Args=.*--pid[= ]host/m, what: "the host's process namespace" },
  { pattern: /^\s*User=(root|0)\s*$/m, what: "root as the unit's user" },
  { pattern: /^\s*(Volume|PodmanArgs)=.*\/(run|var\/run)\/(docker|podman)\.sock/m, what: "a container engine's socket" },
];

/** A container unit that would run Home Assistant with root's power: one sentence per finding. */
export function haUnitRootFindings(subject: string, user: string, content: string): string[] {
  const out: string[] = [];
  if (user === "root" || user === "0") out.push(`${subject} must run as the homeassistant user's rootless Podman, not as root.`);
  for (const p of PRIVILEGED) if (p.pattern.test(content)) out.push(`${subject} must not give the container ${p.what}.`);
  return out;
}

/** The image a unit runs: Quadlet's Image= or the last word of a plain unit's podman run. */
export function unitImage(content: string): string | undefined {
  const quadlet = /^Image=(.+)$/m.exec(content);
  if (quadlet) return quadlet[1].trim();
  const run = /^ExecStart=\S*podman run .* (\S+)\s*$/m.exec(content);
  return run?.[1];
}

/** An image not pinned by digest changes under the host whenever its tag moves. */
export function haImageFindings(subject: string, content: string): string[] {
  const image = unitImage(content);
  if (image === undefined) return [`${subject} must name its image; none found.`];
  return PINNED_IMAGE.test(image) ? [] : [`${subject} must run an image pinned by digest (name@sha256:…), not ${image}.`];
}
