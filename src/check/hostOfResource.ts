import { HARDENED_HOST_TYPE } from "../host/stepManifest";
import { CapturedResource } from "../preview/capturedResource";

/** Maps each URN to the name of the HardenedHost it belongs to (itself or an ancestor); absent: stack-wide. */
export function hostOfResource(resources: CapturedResource[]): Map<string, string> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const result = new Map<string, string>();
  for (const r of resources) {
    let cursor: CapturedResource | undefined = r;
    for (let depth = 0; cursor && depth < 64; depth++) {
      if (cursor.type === HARDENED_HOST_TYPE) {
        result.set(r.urn, cursor.name);
        break;
      }
      cursor = cursor.parent ? byUrn.get(cursor.parent) : undefined;
    }
  }
  return result;
}
