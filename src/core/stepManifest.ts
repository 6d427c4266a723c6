/**
 * Every remote step the program registers carries a manifest: one comment line at the top of its
 * `create` script, `# ha-hardened-host-step {json}`. The shell ignores it; the policy pack, the
 * offline check and the lab read it to know what the step will put on the host. The step's payload
 * (a file's content, a user's spec) travels on `stdin`, so what a policy judges is exactly what lands.
 */
export const STEP_MANIFEST_PREFIX = "# ha-hardened-host-step ";

/** The Pulumi type of the per-host component whose children the steps are. */
export const HARDENED_HOST_TYPE = "ha-hardened-host:index:HardenedHost";

export type StepManifest =
  /** A file written atomically from stdin (content = stdin). */
  | { kind: "file"; host: string; path: string; mode: string; owner: string; group: string }
  /** The sshd drop-in: stdin is its text; the step stages it, runs `sshd -t`, installs, reloads. */
  | { kind: "sshd-config"; host: string; path: string }
  /** A WireGuard interface's config (wg-quick format) from stdin: installed 0600 root, applied with `wg syncconf`. */
  | { kind: "wireguard-config"; host: string; path: string; interface: string }
  /** A local account: stdin is its spec as `key=value` lines (see UserSpec). */
  | { kind: "user"; host: string; name: string }
  /**
   * Lines put into an existing file the distribution owns: every stdin line ends up in the file verbatim,
   * replacing the line with the same key (`keys`: the first word; `fstab`: the mount point; `pam`: the
   * module, placed after pam_rootok) or added. The rest of the file is left as it is.
   */
  | { kind: "file-edit"; host: string; path: string; edit: "keys" | "fstab" | "pam" }
  /** Packages installed with apt-get (names in the manifest, nothing on stdin). */
  | { kind: "packages"; host: string; packages: string[] }
  /**
   * The host firewall: stdin is the nftables ruleset (one table); the step checks it with `nft -c`, arms a
   * rollback, loads it, and a NEW login persists it to `path`. `zones` say what LAN, VPN and admin mean on
   * this host; `publicPorts` are the openings a concern declared from anywhere.
   */
  | {
      kind: "nftables";
      host: string;
      path: string;
      table: string;
      zones: { lan: string[]; vpn?: { interface: string; cidrs: string[] }; admin: string[]; acknowledgePublicLan: boolean };
      sshPort: number;
      publicPorts: { protocol: "tcp" | "udp"; port: number }[];
    }
  /**
   * A container's systemd user unit for `user` (stdin: its text): a Quadlet `.container` or a plain `.service`,
   * installed root-owned in `dir` (`<uid>` stands for the user's UID), then started as that user.
   */
  | { kind: "container-unit"; host: string; user: string; format: "quadlet" | "systemd"; dir: string; file: string }
  /**
   * Home Assistant configuration the project manages (stdin: YAML): the block at the top of configuration.yaml, or
   * the package present only until the owner exists.
   */
  | { kind: "ha-config"; host: string; path: string; part: "managed-block" | "first-start" }
  /**
   * Claims Home Assistant for its owner through onboarding and applies its http settings (stdin, secret: the
   * client and the owner's password); `http` is what the settings become.
   */
  | { kind: "ha-owner"; host: string; port: number; owner: string; http: Record<string, unknown> }
  /** A read-only probe: proves a NEW login works (and sudo, when escalate is true). */
  | { kind: "verify-login"; host: string; user: string }
  /** Any other idempotent script; `purpose` says what it does in one line. */
  | { kind: "script"; host: string; purpose: string };

export type StepKind = StepManifest["kind"];

/** The spec of a local account as it travels on stdin, one `key=value` per line. */
export interface UserSpec {
  name: string;
  /** true: a system account (useradd --system). */
  system: boolean;
  home: string;
  /** Login shell, e.g. /bin/bash or /usr/sbin/nologin. */
  shell: string;
  /** Supplementary groups (the admin is in `sudo`). */
  groups: string[];
  /** true: a sudoers drop-in gives it passwordless sudo. */
  sudo: boolean;
  /** Public keys written to ~/.ssh/authorized_keys (empty: the file is removed). */
  authorizedKeys: string[];
}

export function encodeManifest(m: StepManifest): string {
  return STEP_MANIFEST_PREFIX + JSON.stringify(m);
}

/** Reads the manifest from a step's create script; undefined when the script carries none. */
export function decodeManifest(create: unknown): StepManifest | undefined {
  if (typeof create !== "string") return undefined;
  const first = create.split("\n", 1)[0];
  if (!first.startsWith(STEP_MANIFEST_PREFIX)) return undefined;
  try {
    return JSON.parse(first.slice(STEP_MANIFEST_PREFIX.length)) as StepManifest;
  } catch {
    return undefined;
  }
}

export function encodeUserSpec(u: UserSpec): string {
  const lines = [
    `name=${u.name}`,
    `system=${u.system ? "yes" : "no"}`,
    `home=${u.home}`,
    `shell=${u.shell}`,
    `groups=${u.groups.join(",")}`,
    `sudo=${u.sudo ? "yes" : "no"}`,
    ...u.authorizedKeys.map((k) => `authorized_key=${k}`),
  ];
  return lines.join("\n") + "\n";
}

export function decodeUserSpec(text: string): UserSpec {
  const spec: UserSpec = { name: "", system: false, home: "", shell: "", groups: [], sudo: false, authorizedKeys: [] };
  for (const line of text.split("\n")) {
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    switch (key) {
      case "name": spec.name = value; break;
      case "system": spec.system = value === "yes"; break;
      case "home": spec.home = value; break;
      case "shell": spec.shell = value; break;
      case "groups": spec.groups = value ? value.split(",") : []; break;
      case "sudo": spec.sudo = value === "yes"; break;
      case "authorized_key": spec.authorizedKeys.push(value); break;
    }
  }
  return spec;
}
