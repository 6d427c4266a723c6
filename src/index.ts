// Pulumi entry point (Pulumi.yaml `main`): the stack outputs are what runProgram returns.
import { runProgram } from "./program";

export = runProgram();
