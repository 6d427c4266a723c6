import { PolicyPack } from "@pulumi/policy";
import { POLICY_NAMES } from "../src/core/checklist/items";
import { POLICIES } from "./registry";

/** The pack registers the catalog's policies, in catalog order; `pulumi preview --policy-pack policies` loads bin/policies/index.js. */
new PolicyPack("ha-securing-checklist", {
  policies: POLICY_NAMES.map((name) => POLICIES[name]),
  enforcementLevel: "mandatory",
});
