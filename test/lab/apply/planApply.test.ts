import { CapturedResource, SECRET_SIG_KEY, SECRET_SIG_VALUE, UNKNOWN_SENTINEL } from "../../../src/preview/capturedResource";
import { StoredResource } from "../../../src/lab/apply/applyState";
import { changedKeys, dependencyOrder, parsePropertyPath, PlanError, planApply } from "../../../src/lab/apply/planApply";
import { SecretVault } from "../../../src/lab/apply/wireValue";

const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG_VALUE, value });
const urn = (t: string, n: string) => `urn:pulumi:s::p::${t}::${n}`;
function res(name: string, over: Partial<CapturedResource> = {}): CapturedResource {
  const type = over.type ?? "command:remote:Command";
  return {
    urn: urn(type, name), type, name, custom: type !== "comp:index:C", dependencies: [], propertyDependencies: {},
    inputs: { create: `echo ${name}`, connection: secret({ host: "h", privateKey: "k" }) }, ignoreChanges: [], replaceOnChanges: [],
    deleteBeforeReplace: false, additionalSecretOutputs: [], ...over,
  };
}
const vault = new SecretVault("salt");
const stored = (r: CapturedResource): StoredResource => ({ urn: r.urn, type: r.type, id: "x", inputs: vault.store(r.inputs) as Record<string, unknown>, dependencies: [] });
const ops = (steps: ReturnType<typeof planApply>) => steps.map((s) => `${s.op}:${"goal" in s ? s.goal.res.name : s.old.urn.split("::").pop()}`);

test("property paths parse as ignoreChanges writes them", () => {
  expect(parsePropertyPath("connection.privateKey")).toEqual(["connection", "privateKey"]);
  expect(parsePropertyPath("triggers[0]")).toEqual(["triggers", 0]);
  expect(parsePropertyPath('a["b.c"]')).toEqual(["a", "b.c"]);
});

test("null and absent inputs are the same, as in the engine's diff", () => {
  expect(changedKeys({ a: 1, b: null }, { a: 1 })).toEqual([]);
  expect(changedKeys({ a: 1 }, { a: 2, c: 3 })).toEqual(["a", "c"]);
});

test("a dependency on a component waits for the component's custom children, and a cycle is an error naming the resources", () => {
  const comp = res("comp", { type: "comp:index:C" });
  const child = res("child", { parent: comp.urn });
  const after = res("after", { dependencies: [comp.urn] });
  expect(dependencyOrder([after, comp, child]).map((r) => r.name)).toEqual(["comp", "child", "after"]);
  const a = res("a", { dependencies: [urn("command:remote:Command", "b")] });
  const b = res("b", { dependencies: [a.urn] });
  expect(() => dependencyOrder([a, b])).toThrow(/a, b depend on each other in a cycle/);
});

test("a secret change is seen through its salted hash, and a triggers change (or a replaceOnChanges input) replaces", () => {
  const a = res("a");
  const olds = { resources: [stored(a)], pendingDeletes: [] };
  const keyChanged = res("a", { inputs: { ...a.inputs, connection: secret({ host: "h", privateKey: "k2" }) } });
  expect(ops(planApply([keyChanged], olds, vault))).toEqual(["update:a"]);
  expect(ops(planApply([res("a", { inputs: { ...a.inputs, triggers: [2] } })], olds, vault))).toEqual(["replace:a", "delete:a"]);
  expect(ops(planApply([res("a", { inputs: { ...a.inputs, create: "x" }, replaceOnChanges: ["create"] })], olds, vault))).toEqual(["replace:a", "delete:a"]);
  expect(ops(planApply([res("a", { inputs: { ...a.inputs, triggers: [2] }, deleteBeforeReplace: true })], olds, vault))).toEqual(["replace:a"]);
});

test("types the lab cannot replay, and unknown inputs, are refused before anything runs", () => {
  expect(() => planApply([res("x", { type: "aws:s3:Bucket" })], { resources: [], pendingDeletes: [] }, vault)).toThrow(PlanError);
  expect(() => planApply([res("u", { inputs: { create: UNKNOWN_SENTINEL } })], { resources: [], pendingDeletes: [] }, vault)).toThrow(/unknown input/);
});
