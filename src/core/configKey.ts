/** The config namespace of this project (Pulumi.yaml `name`). */
/** The Pulumi project name (Pulumi.yaml `name`). */
export const PROJECT_NAME = "ha-hardened-host";
/** The config namespace: Pulumi's default, the project name. */
export const CONFIG_NAMESPACE = PROJECT_NAME;

/** Formats a path inside the config as the user writes it: `ha-hardened-host:hosts[0].admin.user`. */
export function configKey(path: readonly (string | number | symbol)[]): string {
  let out = `${CONFIG_NAMESPACE}:`;
  path.forEach((part, i) => {
    if (typeof part === "number") out += `[${part}]`;
    else out += (i === 0 ? "" : ".") + String(part);
  });
  return out;
}
