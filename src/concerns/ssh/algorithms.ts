/**
 * The SSH algorithms the project allows, from ssh-audit's hardening guide for Debian 12 (OpenSSH 9.2).
 * The renderer writes exactly these; the policy and the audit reject anything outside them.
 * One fact per list; each list is ordered by preference (first = preferred).
 */
export const STRONG_KEX = [
  // Post-quantum hybrid; the bare name needs openssh 1:9.2p1-2+deb12u4 or later (ssh-audit#317): gated by `sshd -t`.
  "sntrup761x25519-sha512@openssh.com",
  "curve25519-sha256",
  "curve25519-sha256@libssh.org",
  "diffie-hellman-group16-sha512",
  "diffie-hellman-group18-sha512",
  "diffie-hellman-group-exchange-sha256",
] as const;

export const STRONG_CIPHERS = [
  "chacha20-poly1305@openssh.com",
  "aes256-gcm@openssh.com",
  "aes128-gcm@openssh.com",
  "aes256-ctr",
  "aes192-ctr",
  "aes128-ctr",
] as const;

/** Encrypt-then-MAC only: the non-etm MACs authenticate plaintext (ssh-audit warns). */
export const STRONG_MACS = [
  "hmac-sha2-256-etm@openssh.com",
  "hmac-sha2-512-etm@openssh.com",
  "umac-128-etm@openssh.com",
] as const;

/** No ECDSA (NIST curves: ssh-audit rates them fail), no ssh-rsa (SHA-1), no DSA. */
export const STRONG_HOST_KEY_ALGORITHMS = [
  "ssh-ed25519",
  "ssh-ed25519-cert-v01@openssh.com",
  "sk-ssh-ed25519@openssh.com",
  "sk-ssh-ed25519-cert-v01@openssh.com",
  "rsa-sha2-512",
  "rsa-sha2-512-cert-v01@openssh.com",
  "rsa-sha2-256",
  "rsa-sha2-256-cert-v01@openssh.com",
] as const;

/** The same set for user keys. */
/**
 * Signature algorithms a CA key may use: the host key algorithms without certificate names. OpenSSH 10 refuses
 * certificate names in CASignatureAlgorithms; 9.2 dropped them silently.
 */
export const STRONG_CA_SIGNATURE_ALGORITHMS = STRONG_HOST_KEY_ALGORITHMS.filter((a) => !a.endsWith("-cert-v01@openssh.com"));
export const STRONG_PUBKEY_ALGORITHMS = STRONG_HOST_KEY_ALGORITHMS;

/** Diffie-Hellman group-exchange moduli below this many bits are removed from /etc/ssh/moduli (ssh-audit: 3071). */
export const MIN_MODULI_BITS = 3071;


/** The algorithm directives and their allowlists, for whoever judges a config. */
export const ALGORITHM_DIRECTIVES: Record<string, readonly string[]> = {
  kexalgorithms: STRONG_KEX,
  ciphers: STRONG_CIPHERS,
  macs: STRONG_MACS,
  hostkeyalgorithms: STRONG_HOST_KEY_ALGORITHMS,
  pubkeyacceptedalgorithms: STRONG_PUBKEY_ALGORITHMS,
  // The pre-8.5 spelling of PubkeyAcceptedAlgorithms, still accepted by sshd 9.2.
  pubkeyacceptedkeytypes: STRONG_PUBKEY_ALGORITHMS,
  casignaturealgorithms: STRONG_HOST_KEY_ALGORITHMS,
};

/**
 * Standard names of allowlisted algorithms: accepted when judging a config (OpenSSH's own default on
 * Debian 12 >= deb12u4 lists the bare name), never written by the renderer (older 9.2 builds refuse it).
 */
export const EQUIVALENT_ALGORITHM_NAMES: Record<string, string> = {
  "sntrup761x25519-sha512": "sntrup761x25519-sha512@openssh.com",
};
