import { OS_IDS, type OsId } from "../../core/osTable";

/** The comment line that names the OS the project's unattended-upgrades file is written for. */
export const OS_MARKER = "// ha-hardened-host: written for os ";

/** The OS the project's file names, or undefined when it names none (or one the project does not know). */
export function osOfAptConf(text: string): OsId | undefined {
  const line = text.split("\n").find((l) => l.startsWith(OS_MARKER));
  const os = line?.slice(OS_MARKER.length).trim();
  return (OS_IDS as readonly string[]).includes(os ?? "") ? (os as OsId) : undefined;
}
