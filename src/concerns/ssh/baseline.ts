import { OpensshSeries, SERIES_ALGORITHMS, STRONG_CA_SIGNATURE_ALGORITHMS, STRONG_HOST_KEY_ALGORITHMS, STRONG_PUBKEY_ALGORITHMS } from "./algorithms";
import { MIN_RSA_BITS } from "../../core/keyMaterial";

/**
 * The hardened sshd settings, as data: directive, value, and why. The renderer writes them, the
 * policy pack and the live audit (`sshd -T`) check the ones marked `enforced`. Where dev-sec,
 * ssh-audit and Lynis disagree, the reason says which one wins and why.
 */
export interface SshdSetting {
  directive: string;
  value: string;
  reason: string;
  /** Checked by a policy and by the live audit: a config that sets another value fails. */
  enforced?: boolean;
}

const SETTINGS: readonly SshdSetting[] = [
  { directive: "PermitRootLogin", value: "no", enforced: true, reason: "Home Assistant's Securing checklist: set PermitRootLogin no; log in as the admin and use sudo." },
  { directive: "PasswordAuthentication", value: "no", enforced: true, reason: "The checklist: use SSH keys instead of passwords; passwords can be guessed, keys cannot." },
  { directive: "KbdInteractiveAuthentication", value: "no", enforced: true, reason: "Keyboard-interactive is a password prompt by another name (PAM)." },
  { directive: "PermitEmptyPasswords", value: "no", enforced: true, reason: "An account without a password must never open a session." },
  { directive: "HostbasedAuthentication", value: "no", reason: "Trust between hosts is not used here; only user keys authenticate." },
  { directive: "GSSAPIAuthentication", value: "no", reason: "No Kerberos realm on a home host; less code facing the network." },
  { directive: "PubkeyAuthentication", value: "yes", reason: "Keys are the only way in." },
  { directive: "AuthenticationMethods", value: "publickey", enforced: true, reason: "Only public keys, even if another method is switched on by mistake (dev-sec)." },
  { directive: "MaxAuthTries", value: "3", reason: "Lynis full points at <= 3; dev-sec's 2 locks out users whose agent offers several keys." },
  { directive: "LoginGraceTime", value: "30", reason: "dev-sec: an unauthenticated connection holds a slot for 30 s at most." },
  { directive: "MaxStartups", value: "10:30:60", reason: "dev-sec: drop unauthenticated connections early under a flood." },
  { directive: "MaxSessions", value: "2", reason: "Lynis SSH-7408 (<= 2); an admin shell plus one tunnel or copy is enough on an appliance." },
  { directive: "ClientAliveInterval", value: "300", reason: "Lynis (<= 300): dead sessions are noticed within minutes." },
  { directive: "ClientAliveCountMax", value: "2", reason: "Lynis (<= 2): with the interval, a dead client is dropped after 10 minutes." },
  { directive: "TCPKeepAlive", value: "no", reason: "Lynis: the encrypted ClientAlive probes replace spoofable TCP keepalives." },
  { directive: "LogLevel", value: "VERBOSE", reason: "dev-sec and Lynis: logs the fingerprint of the key that logged in, which fail2ban and audits need." },
  { directive: "X11Forwarding", value: "no", reason: "No display on a Home Assistant host." },
  { directive: "AllowAgentForwarding", value: "no", reason: "A compromised host must not be able to use the admin's agent." },
  { directive: "AllowTcpForwarding", value: "local", reason: "The checklist names an SSH tunnel to reach the UI; that needs local forwarding. Remote forwarding stays off (Lynis gives half points; we choose the checklist)." },
  { directive: "AllowStreamLocalForwarding", value: "no", reason: "No Unix-socket forwarding is needed." },
  { directive: "PermitTunnel", value: "no", reason: "The VPN is WireGuard, not SSH tun devices." },
  { directive: "GatewayPorts", value: "no", reason: "Forwarded ports never listen on the network." },
  { directive: "PermitUserEnvironment", value: "no", reason: "Users must not set LD_PRELOAD and friends for sshd's children." },
  { directive: "UseDNS", value: "no", reason: "Logs show addresses, and logins do not wait on reverse DNS." },
  { directive: "Compression", value: "no", reason: "dev-sec and Lynis: compression before encryption has leaked data (CRIME-style)." },
  { directive: "PrintLastLog", value: "yes", reason: "Lynis: the admin sees the last login and notices one that was not theirs." },
  { directive: "PrintMotd", value: "no", reason: "PAM prints the motd already; this avoids printing it twice." },
  { directive: "StrictModes", value: "yes", reason: "Refuse keys in group- or world-writable home directories." },
  { directive: "IgnoreRhosts", value: "yes", reason: "No .rhosts trust." },
];

const KEY_SETTINGS: readonly SshdSetting[] = [
  { directive: "HostKeyAlgorithms", value: STRONG_HOST_KEY_ALGORITHMS.join(","), enforced: true, reason: "ssh-audit: Ed25519 and RSA with SHA-2; no ECDSA (NIST curves rated fail), no ssh-rsa (SHA-1)." },
  { directive: "PubkeyAcceptedAlgorithms", value: STRONG_PUBKEY_ALGORITHMS.join(","), enforced: true, reason: "The same strong set for the keys users log in with." },
  { directive: "CASignatureAlgorithms", value: STRONG_CA_SIGNATURE_ALGORITHMS.join(","), enforced: true, reason: "OpenSSH's default accepts ECDSA CA signatures; `sshd -T` prints it, so the live audit judges it too." },
  { directive: "RequiredRSASize", value: String(MIN_RSA_BITS), reason: "ssh-audit: RSA keys under 3072 bits are refused (OpenSSH >= 9.1)." },
];

/** The baseline for a host whose sshd is of the given OpenSSH series (the algorithm lists differ per series). */
export function sshdBaseline(openssh: OpensshSeries): readonly SshdSetting[] {
  const algorithms = SERIES_ALGORITHMS[openssh];
  return [
    ...SETTINGS,
    { directive: "KexAlgorithms", value: algorithms.kex.join(","), enforced: true, reason: `ssh-audit's "${algorithms.auditPolicy}": no NIST curves, no SHA-1, no small groups.` },
    { directive: "Ciphers", value: algorithms.ciphers.join(","), enforced: true, reason: "ssh-audit: AEAD and CTR modes only; no CBC, no 3DES, no arcfour." },
    { directive: "MACs", value: algorithms.macs.join(","), enforced: true, reason: "ssh-audit: encrypt-then-MAC with SHA-2 only." },
    ...KEY_SETTINGS,
  ];
}
