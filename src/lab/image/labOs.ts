import type { OsId } from "../../core/osTable";

/** A Debian release the lab can boot: the suite mmdebstrap builds and the sources it builds from. */
export interface LabOs {
  title: string;
  suite: string;
  /** Used only at image build time (the guest never sees them): main, updates and security, like a patched box. */
  sources: readonly string[];
}

/** Ids as in src/core/osTable.ts's OS_IDS where they overlap; debian-13 is the lab's ahead of the project. */
export type LabOsId = Extract<OsId, "debian-12"> | "debian-13";

export const LAB_OS_TABLE: Readonly<Record<LabOsId, LabOs>> = {
  "debian-12": {
    title: "Debian 12 (bookworm)",
    suite: "bookworm",
    sources: [
      "deb http://deb.debian.org/debian bookworm main",
      "deb http://deb.debian.org/debian bookworm-updates main",
      "deb http://deb.debian.org/debian-security bookworm-security main",
    ],
  },
  "debian-13": {
    title: "Debian 13 (trixie)",
    suite: "trixie",
    sources: [
      "deb http://deb.debian.org/debian trixie main",
      "deb http://deb.debian.org/debian trixie-updates main",
      "deb http://deb.debian.org/debian-security trixie-security main",
    ],
  },
};

export const LAB_OS_IDS = Object.keys(LAB_OS_TABLE) as LabOsId[];

/** The project's reference OS; `lab up` boots it unless told otherwise. */
export const DEFAULT_LAB_OS: LabOsId = "debian-12";

export function isLabOsId(value: string): value is LabOsId {
  return Object.prototype.hasOwnProperty.call(LAB_OS_TABLE, value);
}

/** The id itself, or a one-sentence error naming the accepted ones. */
export function parseLabOs(value: string): LabOsId {
  if (!isLabOsId(value)) throw new Error(`--os must be one of ${LAB_OS_IDS.join(", ")}, got "${value}"`);
  return value;
}
