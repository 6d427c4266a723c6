import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { CapturedResource } from "../preview/capturedResource";

/**
 * Makes captured inputs what the engine sends: undefined dropped (the engine has no such value) and
 * internal `__` keys skipped (SkipInternalKeys). Secret sig objects and unknown sentinels pass unchanged.
 */
export function toWireStruct(inputs: Record<string, unknown>): Struct {
  const clean = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map((e) => (e === undefined ? null : clean(e)));
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, e] of Object.entries(v)) if (e !== undefined && !k.startsWith("__")) out[k] = clean(e);
      return out;
    }
    return v;
  };
  return Struct.fromJavaScript(clean(inputs) as Record<string, never>);
}

function toOptions(r: CapturedResource): analyzerpb.AnalyzerResourceOptions {
  const o = new analyzerpb.AnalyzerResourceOptions();
  o.setProtect(false);
  o.setIgnorechangesList(r.ignoreChanges);
  o.setDeletebeforereplace(r.deleteBeforeReplace);
  o.setDeletebeforereplacedefined(true);
  o.setAdditionalsecretoutputsList(r.additionalSecretOutputs);
  o.setAliasesList([]);
  o.setCustomtimeouts(new analyzerpb.AnalyzerResourceOptions.CustomTimeouts());
  if (r.parent) o.setParent(r.parent);
  return o;
}

/** Sets what Analyze and AnalyzeStack both carry per resource: type, inputs, urn, name, options. */
function withResource<M extends analyzerpb.AnalyzeRequest | analyzerpb.AnalyzerResource>(m: M, r: CapturedResource): M {
  m.setType(r.type);
  m.setProperties(toWireStruct(r.inputs));
  m.setUrn(r.urn);
  m.setName(r.name);
  m.setOptions(toOptions(r));
  return m;
}

/** The Analyze request for one resource, as the engine builds it before registering it. */
export function toAnalyzeRequest(r: CapturedResource): analyzerpb.AnalyzeRequest {
  return withResource(new analyzerpb.AnalyzeRequest(), r);
}

/** The AnalyzeStack request for the whole stack, with parents and dependencies. */
export function toAnalyzeStackRequest(resources: readonly CapturedResource[]): analyzerpb.AnalyzeStackRequest {
  const req = new analyzerpb.AnalyzeStackRequest();
  req.setResourcesList(
    resources.map((r) => {
      const a = withResource(new analyzerpb.AnalyzerResource(), r);
      if (r.parent) a.setParent(r.parent);
      a.setDependenciesList(r.dependencies);
      const deps = a.getPropertydependenciesMap();
      for (const [k, urns] of Object.entries(r.propertyDependencies)) {
        const d = new analyzerpb.AnalyzerPropertyDependencies();
        d.setUrnsList(urns);
        deps.set(k, d);
      }
      return a;
    }),
  );
  return req;
}
