import { HARDENED_HOST_TYPE } from "../stepManifest";

/** A resource as a stack policy sees it: its URN and, when the stack holds it, its parent. */
export interface ParentedResource {
  urn: string;
  parent?: ParentedResource;
}

/** The type in a URN (`urn:pulumi:stack::project::parent$type::name`): the last `$` segment of the qualified type. */
function typeOfUrn(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}

/**
 * The URN of the HardenedHost component a resource sits in, where a stack-wide finding about its host is
 * reported, so the finding lands on that host and no other; undefined outside every host.
 */
export function hostComponentUrn(resource: ParentedResource): string | undefined {
  let cursor: ParentedResource | undefined = resource.parent;
  for (let depth = 0; cursor && depth < 64; depth++, cursor = cursor.parent) {
    if (typeOfUrn(cursor.urn) === HARDENED_HOST_TYPE) return cursor.urn;
  }
  return undefined;
}
