import { HARDENED_HOST_TYPE } from "../core/stepManifest";
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

/** What the report needs to know about the stack's hosts to put each finding on the right one. */
export interface HostIndex {
  /** Host names (the HardenedHost components' names), in registration order. */
  hosts: string[];
  /** Host name -> URN of its HardenedHost component, where a stack-wide finding about the host lands. */
  componentUrn: Map<string, string>;
  /** URN -> host, for every resource inside a host (the component included). */
  hostOf: Map<string, string>;
  /** Resource name -> host, for every resource inside a host: a message naming `ha-pi-sshd-config` is about ha-pi. */
  hostOfName: Map<string, string>;
}

export function indexHosts(resources: CapturedResource[]): HostIndex {
  const hostOf = hostOfResource(resources);
  const components = resources.filter((r) => r.type === HARDENED_HOST_TYPE);
  const hostOfName = new Map<string, string>();
  for (const r of resources) {
    const host = hostOf.get(r.urn);
    if (host !== undefined && !hostOfName.has(r.name)) hostOfName.set(r.name, host);
  }
  return {
    hosts: components.map((r) => r.name),
    componentUrn: new Map(components.map((r) => [r.name, r.urn])),
    hostOf,
    hostOfName,
  };
}

/**
 * Names as whole words: runs of letters, digits, `_` and `-` (a URN's `::name` tail, `Host ha-pi.`, `On ha-pi:`),
 * so host `pi` is not found inside `ha-pi`, and `ha-pi` is not found inside another host's `ha-pi-2`.
 */
function wordsOf(message: string): Set<string> {
  return new Set(message.match(/[A-Za-z0-9_-]+/g) ?? []);
}

/**
 * The hosts a finding is about, in host order: the host of its URN when that resource belongs to one;
 * otherwise (an AnalyzeStack finding without a URN, or about a resource outside every host) every host whose
 * name, or whose resource's name, the message spells out as a whole word. Empty: it is about no host.
 */
export function hostsOfFinding(index: HostIndex, finding: { urn: string; message: string }): string[] {
  const own = finding.urn ? index.hostOf.get(finding.urn) : undefined;
  if (own !== undefined) return [own];
  const named = new Set<string>();
  for (const word of wordsOf(finding.message)) {
    if (index.componentUrn.has(word)) named.add(word);
    else {
      const host = index.hostOfName.get(word);
      if (host !== undefined) named.add(host);
    }
  }
  return index.hosts.filter((h) => named.has(h));
}
