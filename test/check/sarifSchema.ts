import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";

/**
 * The SARIF 2.1.0 JSON schema as Microsoft's SARIF SDK ships it (@microsoft/sarif-multitool-ts, the schema its
 * `validate` verb checks logs against), compiled with the ajv that package itself depends on. Nothing here is
 * hand-written: the schema file and the validator both come from the package.
 */
const PACKAGE = "@microsoft/sarif-multitool-ts";

export interface SarifValidation {
  valid: boolean;
  errors: string[];
}

let compiled: ((log: unknown) => SarifValidation) | undefined;

export function sarifSchemaPath(): string {
  // The package's main is dist/index.js; its assets/ sit beside dist/ (the exports map does not list them).
  return path.join(path.dirname(require.resolve(PACKAGE)), "..", "assets", "sarif-2.1.0.schema.json");
}

export function validateSarif(log: unknown): SarifValidation {
  if (!compiled) {
    const fromPackage = createRequire(require.resolve(PACKAGE));
    const { Ajv2020 } = fromPackage("ajv/dist/2020") as typeof import("ajv/dist/2020");
    const addFormats = fromPackage("ajv-formats") as typeof import("ajv-formats").default;
    const schema = JSON.parse(fs.readFileSync(sarifSchemaPath(), "utf8")) as Record<string, unknown>;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    compiled = (l) => {
      const valid = validate(l) as boolean;
      return { valid, errors: (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`) };
    };
  }
  return compiled(log);
}
