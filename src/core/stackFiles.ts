import * as path from "path";

/** Pulumi.yaml's `stackConfigDir`: where the project keeps its stack files. */
export const STACKS_DIR = "stacks";

/** The stack file of `stack` in `stacksDir` (Pulumi's naming: `Pulumi.<stack>.yaml`). */
export function stackFilePath(stacksDir: string, stack: string): string {
  return path.join(stacksDir, `Pulumi.${stack}.yaml`);
}
