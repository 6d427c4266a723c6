import { runCommand } from "./runCommand";

/** Host tools the lab runs, with the Debian package providing each (installed by .ci/install-lab-deps.sh). */
export const LAB_TOOLS: ReadonlyArray<{ tool: string; pkg: string }> = [
  { tool: "mmdebstrap", pkg: "mmdebstrap" },
  { tool: "systemd-nspawn", pkg: "systemd-container" },
  { tool: "ssh", pkg: "openssh-client" },
  { tool: "ssh-keygen", pkg: "openssh-client" },
  { tool: "dpkg-scanpackages", pkg: "dpkg-dev" },
  { tool: "ip", pkg: "iproute2" },
];

/** Error thrown when this machine cannot run the lab; the CLI maps it to exit code 2. */
export class LabUnsupportedError extends Error {}

/** Throws LabUnsupportedError naming what is missing: Linux, root, or a tool (and its package). */
export async function assertLabSupported(): Promise<void> {
  if (process.platform !== "linux") {
    throw new LabUnsupportedError(`the lab needs Linux (network namespaces, systemd-nspawn); this is ${process.platform}`);
  }
  if (typeof process.getuid === "function" && process.getuid() !== 0) {
    throw new LabUnsupportedError("the lab must run as root (it creates network namespaces and boots systemd-nspawn); rerun with sudo");
  }
  const missing: string[] = [];
  for (const { tool, pkg } of LAB_TOOLS) {
    const r = await runCommand("sh", ["-c", 'command -v "$1"', "sh", tool], { allowFailure: true });
    if (r.code !== 0) missing.push(`${tool} (Debian package ${pkg})`);
  }
  if (missing.length) {
    throw new LabUnsupportedError(`the lab needs ${missing.join(", ")}; install them with: sudo bash .ci/install-lab-deps.sh`);
  }
}
