/** The Home Assistant service account's name, as the program creates it (the HA Container docs' user). */
export const HA_SERVICE_USER = "homeassistant";

/** Groups that make an account an administrator, each with why. */
export const PRIVILEGED_GROUPS: readonly { name: string; reason: string }[] = [
  { name: "sudo", reason: "Debian and Ubuntu give this group full sudo" },
  { name: "wheel", reason: "the sudo/su group on many distributions" },
  { name: "admin", reason: "the sudo group of older Ubuntu releases" },
  { name: "adm", reason: "reads every system log, the audit trail included" },
  { name: "root", reason: "owns root's group-readable files" },
];

/** Shells that refuse an interactive login (/sbin and /bin are the /usr ones on merged-/usr systems). */
export const NO_LOGIN_SHELLS: readonly string[] = ["/usr/sbin/nologin", "/sbin/nologin", "/bin/false", "/usr/bin/false"];
