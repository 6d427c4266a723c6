import type * as pulumi from "@pulumi/pulumi";
import type { OsProfile } from "./osTable";
import type { StepManifest } from "./stepManifest";

/** One remote step as a concern declares it; the composer turns it into a `command:remote:Command`. */
export interface StepSpec {
  /** Short name; the resource is `<phase prefix><step>`, e.g. `ha-pi-sshd-config`. */
  step: string;
  manifest: StepManifest;
  /** bash body; `$1…` are `args`. */
  script: string;
  args?: string[];
  /** The payload (file content, user spec), never on the command line. */
  stdin?: pulumi.Input<string>;
  /** stdin carries a secret: it and what the step prints stay secret and out of the log stream. */
  secretStdin?: boolean;
  /** false: run as the login user (the script calls sudo itself). */
  escalate?: boolean;
  dependsOn: pulumi.Resource[];
}

/** What a concern sees while it adds its steps to one phase of one host. */
export interface PhaseContext<Host> {
  /** The host's name (resource names start with it). */
  name: string;
  host: Host;
  os: OsProfile;
  /** "bootstrap": over the fresh box's first login; "admin": over the admin login, every later `up`. */
  phase: "bootstrap" | "admin";
  /** The public half of the automation key (the key Pulumi logs in with as the admin). */
  automationPublicKey: pulumi.Output<string>;
  /** Registers a step in this phase and returns its resource. */
  run(spec: StepSpec): pulumi.Resource;
  /** The steps registered so far in this phase, by step name: a later concern may depend on an earlier one's. */
  steps: ReadonlyMap<string, pulumi.Resource>;
}

/** The remote steps a concern adds to every host. */
export interface HostSteps<Host> {
  /**
   * Steps every phase runs: over the bootstrap login on a fresh box (once), then again over the admin login
   * (where later config changes apply), each time before the phase's new login proves access.
   */
  eachPhase?(ctx: PhaseContext<Host>): void;
  /** Steps run only over the admin login, once a new admin login has been proven. */
  adminOnly?(ctx: PhaseContext<Host>, after: pulumi.Resource[]): void;
  /**
   * Steps run over the admin login after the final login proof has confirmed every lockout-guarded change: long
   * steps that cannot cut the admin off (an image pull, a service's first start) go here, so no rollback timer
   * races them.
   */
  afterLoginProven?(ctx: PhaseContext<Host>, after: pulumi.Resource[]): void;
  /**
   * The rollback this concern arms when it changes what could cut the admin off: the phase's next NEW login
   * checks it did not fire, disarms it and confirms the change; the final login proof re-runs whenever
   * `sha256` changes. Undefined: nothing of this concern on the host could cut the admin off.
   */
  lockoutGuard?(host: Host, os: OsProfile): LockoutGuard | undefined;
  /**
   * What an `up` reads back from the live host before it plans anything (read only, over the admin login): when
   * the host has drifted from the stack, that `up` reports it and runs `step` again. Undefined: nothing to read.
   */
  readBack?(host: Host, os: OsProfile): LiveReadBack | undefined;
}

/** A read-only look at what a concern manages on the live host, and how to judge it against the stack. */
export interface LiveReadBack {
  /** What it reads, for messages: "Home Assistant's http settings". */
  what: string;
  /** The admin-phase step that sets it: run again (replaced) when the host has drifted. */
  step: string;
  /** bash body run as root; `$1…` are `args`. It must change nothing. */
  script: string;
  args?: string[];
  /** The differences, one clause each ("ip_ban_enabled is false, the stack says true"); undefined: nothing there yet. */
  drift(stdout: string): string[] | undefined;
}

/** A change that could lock the admin out, as the login that confirms it sees it. */
export interface LockoutGuard {
  /** What it protects, for messages: "the sshd change". */
  what: string;
  /** The step to re-run with --replace after a rollback fired. */
  step: string;
  /** systemd-run unit of the rollback timer. */
  unit: string;
  /** File the rollback writes when it fires. */
  rolledBack: string;
  /** Script the apply leaves for the confirming login (e.g. persist the change), run once; "-" for none. */
  confirm: string;
  /** The file the confirmed change leaves on the host, and the sha256 this stack renders for it. */
  path: string;
  sha256: string;
}
