import { toAnalyzeRequest, toAnalyzeStackRequest, toWireStruct } from "../../src/analyzer/toAnalyzerMessages";
import { SECRET_SIG_KEY, SECRET_SIG_VALUE, UNKNOWN_SENTINEL } from "../../src/preview/capturedResource";
import { compliantStack, secret } from "../policies/fixtures/resources";

describe("toAnalyzerMessages", () => {
  it("keeps secret sig objects and unknown sentinels as the engine sends them", () => {
    const s = toWireStruct({ a: secret("k"), b: UNKNOWN_SENTINEL }).toJavaScript();
    expect(s).toEqual({ a: { [SECRET_SIG_KEY]: SECRET_SIG_VALUE, value: "k" }, b: UNKNOWN_SENTINEL });
  });

  it("drops undefined values and internal __ keys, which the engine never sends", () => {
    expect(toWireStruct({ a: undefined, __defaults: [], b: { c: undefined, d: 1 }, e: [undefined, 2] }).toJavaScript()).toEqual({ b: { d: 1 }, e: [null, 2] });
  });

  it("fills the resource options the pack requires (it refuses a request without them)", () => {
    const r = compliantStack()[0];
    const req = toAnalyzeRequest({ ...r, ignoreChanges: ["create"] });
    expect(req.getOptions()?.getIgnorechangesList()).toEqual(["create"]);
    expect(req.getOptions()?.getParent()).toBe(r.parent);
    expect(req.getUrn()).toBe(r.urn);
  });

  it("carries parent, dependencies and property dependencies into AnalyzeStack", () => {
    const [a, b] = compliantStack();
    const req = toAnalyzeStackRequest([{ ...b, dependencies: [a.urn], propertyDependencies: { stdin: [a.urn] } }]);
    const [res] = req.getResourcesList();
    expect(res.getParent()).toBe(b.parent);
    expect(res.getDependenciesList()).toEqual([a.urn]);
    expect(res.getPropertydependenciesMap().get("stdin")?.getUrnsList()).toEqual([a.urn]);
  });
});
