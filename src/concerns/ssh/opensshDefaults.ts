/**
 * OpenSSH's built-in algorithm lists (server side), used to judge `+`, `-` and `^` list edits and a
 * missing directive by what they produce. Source: `ssh -G -F /dev/null localhost` on Debian 12's
 * OpenSSH 9.2p1-2+deb12u10 (client and server defaults match for these lists); Ubuntu 24.04's 9.6
 * adds nothing these lists lack for the judgment (every extra non-allowlisted entry fails either way).
 */
const DEFAULT_HOST_KEY_ALGORITHMS = [
  "ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
  "ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
  "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com", "ssh-ed25519", "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
  "rsa-sha2-512", "rsa-sha2-256",
];

export const OPENSSH_DEFAULT_ALGORITHMS: Record<string, readonly string[]> = {
  kexalgorithms: [
    "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com", "curve25519-sha256", "curve25519-sha256@libssh.org",
    "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "diffie-hellman-group-exchange-sha256",
    "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256",
  ],
  ciphers: [
    "chacha20-poly1305@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
  ],
  macs: [
    "umac-64-etm@openssh.com", "umac-128-etm@openssh.com", "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
    "hmac-sha1-etm@openssh.com", "umac-64@openssh.com", "umac-128@openssh.com", "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1",
  ],
  hostkeyalgorithms: DEFAULT_HOST_KEY_ALGORITHMS,
  // PubkeyAcceptedAlgorithms (and its pre-8.5 name) default to the host key list.
  pubkeyacceptedalgorithms: DEFAULT_HOST_KEY_ALGORITHMS,
  pubkeyacceptedkeytypes: DEFAULT_HOST_KEY_ALGORITHMS,
  casignaturealgorithms: [
    "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com", "rsa-sha2-512", "rsa-sha2-256",
  ],
};

/** What sshd uses when the directive is absent, for the enforced yes/no settings. */
export const OPENSSH_DEFAULT_VALUES: Record<string, string> = {
  permitrootlogin: "prohibit-password",
  passwordauthentication: "yes",
  kbdinteractiveauthentication: "yes",
  permitemptypasswords: "no",
};
