/**
 * Why the Home Assistant user unit leaves open what `systemd-analyze security --user` counts against it. A user
 * manager can give its units seccomp filters only with no_new_privs, and mount sandboxing only inside a private
 * user namespace; either stops Podman's setuid newuidmap from mapping the user's subordinate IDs, so the container
 * could not start. The container is the sandbox instead: its own mount, PID, IPC and user namespaces, only /config
 * from the host, no-new-privileges inside.
 */
export const UNIT_EXPOSURE_REASONS: readonly { match: RegExp; reason: string }[] = [
  { match: /^CapabilityBoundingSet=/, reason: "the unit runs as homeassistant, which holds no capability on the host, so a bounding set removes nothing" },
  { match: /^(User|DynamicUser)=/, reason: "a user unit runs as its user, homeassistant, never root; the check does not see that" },
  { match: /^RestrictNamespaces=/, reason: "the container is made of these namespaces; forbidding them forbids the container" },
  {
    match: /^(SystemCallFilter|SystemCallArchitectures|LockPersonality|RestrictRealtime|RestrictAddressFamilies|MemoryDenyWriteExecute|RestrictSUIDSGID|NoNewPrivileges|ProtectKernelLogs|ProtectClock|ProtectHostname|KeyringMode)=/,
    reason: "a user manager enforces it with seccomp under no_new_privs, which stops the setuid newuidmap Podman needs",
  },
  {
    match: /^(ProtectSystem|ProtectHome|PrivateTmp|PrivateDevices|PrivateMounts|ProtectKernelTunables|ProtectKernelModules|ProtectControlGroups|ProtectProc|ProcSubset|PrivateUsers|RootDirectory)/,
    reason: "a user manager needs a private user namespace for it, in which newuidmap cannot map the subordinate IDs; the container has its own mount namespace with only /config",
  },
  { match: /^PrivateNetwork=/, reason: "Home Assistant runs on the host network for discovery; the host firewall filters" },
  { match: /^(IPAddressDeny|DeviceAllow)=/, reason: "needs a BPF program on the unit's cgroup, which a user manager cannot attach; the firewall filters, and only homeAssistant.devices enter the container" },
  { match: /^Delegate=/, reason: "Podman manages the container's cgroup below the unit's" },
  { match: /^NotifyAccess=/, reason: "conmon, not the main process, reports the container ready (--sdnotify=conmon)" },
  { match: /^UMask=/, reason: "0027, as the container's: the homeassistant group (no other member) may read, others nothing" },
];

/** The reason a setting is left open, or undefined when none is recorded. */
export function exposureReason(setting: string): string | undefined {
  return UNIT_EXPOSURE_REASONS.find((r) => r.match.test(setting))?.reason;
}
