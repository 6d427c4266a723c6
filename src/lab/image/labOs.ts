import { OS_TABLE, OsId } from "../../core/osTable";

/** A Debian release the lab can boot: the suite mmdebstrap builds and the sources it builds from. */
export interface LabOs {
  title: string;
  suite: string;
  /** Used only at image build time (the guest never sees them): main, updates and security, like a patched box. */
  sources: readonly string[];
}

/** The releases of src/core/osTable.ts the lab boots (its rows with labTested: true). */
export type LabOsId = Extract<OsId, "debian-13" | "debian-12">;

function debian(id: LabOsId): LabOs {
  const suite = OS_TABLE[id].codename;
  return {
    title: OS_TABLE[id].title,
    suite,
    sources: [
      `deb http://deb.debian.org/debian ${suite} main`,
      `deb http://deb.debian.org/debian ${suite}-updates main`,
      `deb http://deb.debian.org/debian-security ${suite}-security main`,
    ],
  };
}

export const LAB_OS_TABLE: Readonly<Record<LabOsId, LabOs>> = {
  "debian-13": debian("debian-13"),
  "debian-12": debian("debian-12"),
};

export const LAB_OS_IDS = Object.keys(LAB_OS_TABLE) as LabOsId[];

/** The project's reference OS; `lab up` boots it unless told otherwise. */
export const DEFAULT_LAB_OS: LabOsId = "debian-13";

export function isLabOsId(value: string): value is LabOsId {
  return Object.prototype.hasOwnProperty.call(LAB_OS_TABLE, value);
}

/** The id itself, or a one-sentence error naming the accepted ones. */
export function parseLabOs(value: string): LabOsId {
  if (!isLabOsId(value)) throw new Error(`--os must be one of ${LAB_OS_IDS.join(", ")}, got "${value}"`);
  return value;
}
