/**
 * Why the Home Assistant user unit leaves open what `systemd-analyze security --user` counts against it. A user
 * manager cannot give its units mount, PID or capability sandboxing without a private user namespace, and that
 * namespace would stop Podman from mapping the user's subordinate IDs (newuidmap is setuid root); the container
 * is the sandbox instead: its own mount, PID, IPC and user namespaces and no-new-privileges.
 */
export const UNIT_EXPOSURE_REASONS: Readonly<Record<string, string>> = {};
