/**
 * One resource as the program registered it, captured under the SDK's mock runtime.
 * `inputs` are in engine wire form: secrets as `{"4dabf18193072939515e22adb298388d":
 * "1b47061264138c4ac30d75fd1eb44270","value":…}`, unknowns (preview) as the unknown sentinel string.
 */
export interface CapturedResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent?: string;
  /** URNs this resource depends on (dependsOn and the inputs' own dependencies). */
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  inputs: Record<string, unknown>;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  deleteBeforeReplace: boolean;
  additionalSecretOutputs: string[];
  provider?: string;
}

export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
