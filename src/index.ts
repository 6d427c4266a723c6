// Pulumi entry point (Pulumi.yaml `main`): the stack outputs are what the program resolves to.
import { runProgramReadingBack } from "./program";

export = runProgramReadingBack();
