import { hostSchema, type HostConfig } from "../../../src/config/schema";
import { OS_TABLE, type OsId } from "../../../src/core/osTable";
import { validHost } from "../../support/keyFixtures";

/** The compliant host the lockdown tests start from: the example host with the lockdown's defaults. */
export function lockdownHost(lockdown: Record<string, unknown> = {}, os: OsId = "debian-13"): { host: HostConfig; os: (typeof OS_TABLE)[OsId] } {
  return { host: hostSchema.parse({ ...validHost({ os }), lockdown }), os: OS_TABLE[os] };
}
