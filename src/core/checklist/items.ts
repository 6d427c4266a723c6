/**
 * Home Assistant's "Securing" checklist as data: every item of Home Assistant's pages on securing an
 * installation (the 2016 "Securing" page, the current one, and "Security of Home Assistant"), in the pages'
 * own words, with the policies that enforce it. An empty `policies` list means
 * "not enforced yet". The policy pack registers exactly the names listed here.
 */
export interface ChecklistItem {
  id: string;
  title: string;
  /** The seed pages' own words for the item (quoted, trimmed). */
  seedWords: readonly string[];
  /** Policy names enforcing it; empty = not enforced yet. */
  policies: readonly string[];
}

export const CHECKLIST_FRAMEWORK = {
  name: "Home Assistant Securing checklist",
  /** The pages carry no version; this is the date they were read for this project. */
  version: "2026-11-22",
  reference: "https://www.home-assistant.io/docs/configuration/securing/",
} as const;

export const CHECKLIST_ITEMS = [
  {
    id: "secrets",
    title: "Keep secrets in secrets.yaml, out of version control, and backed up",
    seedWords: [
      "Keep your secrets safe (but do remember to back them up)",
      "Use the `secrets.yaml` File: Centralize sensitive data in `secrets.yaml` to prevent accidental exposure. This file should be excluded from version control and shared data.",
    ],
    policies: ["ha-secrets-file-private", "ha-config-credentials-secret"],
  },
  {
    id: "encrypt-config",
    title: "Encrypt the file system or the configuration directory",
    seedWords: ["Storing secrets in `secrets.yaml` does not encrypt them. Consider encrypting your entire file system or at least the directory where your configuration is located"],
    policies: [],
  },
  {
    id: "web-password",
    title: "Protect the web interface with a password",
    seedWords: ["Protect your web interface with a password"],
    policies: ["ha-closed-until-owner", "ha-auth-providers-safe", "ha-login-bans-on"],
  },
  {
    id: "ha-not-root",
    title: "Do not run Home Assistant as root",
    seedWords: ["If you're manually installing Home Assistant don't run Home Assistant as root – consider the Principle of Least Privilege"],
    policies: ["homeassistant-user-unprivileged", "ha-runs-rootless"],
  },
  {
    id: "keep-updated",
    title: "Keep the system regularly updated",
    seedWords: ["Keep your system regularly updated", "Keep Systems Up-to-Date: Regularly update Home Assistant and all related components"],
    policies: ["automatic-security-updates-on", "update-origins-distribution-only", "ha-image-pinned"],
  },
  {
    id: "ssh-no-root-login",
    title: "Set PermitRootLogin no in the sshd config",
    seedWords: ["Set `PermitRootLogin no` in your SSH configuration (typically `/etc/ssh/sshd_config`)."],
    policies: ["ssh-root-login-disabled"],
  },
  {
    id: "ssh-keys-not-passwords",
    title: "Use SSH keys for authentication instead of passwords",
    seedWords: ["Use SSH keys for authentication over passwords, especially if enabling remote access to your SSH services."],
    policies: ["ssh-password-auth-disabled", "connection-no-password"],
  },
  {
    id: "host-lockdown",
    title: "Lock down the host following good practice guidance",
    seedWords: ["Lock down the host following good practice guidance, for example: Securing Debian Manual (this also applies to Raspbian)"],
    policies: ["ssh-weak-algorithms-absent", "connection-host-key-pinned", "host-lockdown-baseline"],
  },
  {
    id: "remote-ui-vpn",
    title: "For remote access to the UI, use a VPN, Tor or an SSH tunnel",
    seedWords: [
      "For remote access to the UI, use a VPN or Tor",
      "When exposing your instance to the internet, employ a VPN or an SSH tunnel.",
    ],
    policies: ["firewall-lan-vpn-only", "vpn-peer-allowed-ips-host-routes", "vpn-keys-secret"],
  },
  {
    id: "remote-components-tls",
    title: "For remote access for components, protect the forwarded port with TLS",
    seedWords: [
      "For remote access for components, use a TLS/SSL certificate",
      "Home Assistant uses **Modern compatibility** by default.",
    ],
    policies: [],
  },
  {
    id: "exposed-ports",
    title: "Expose only the ports remote access needs",
    seedWords: ["If you've forwarded *any* ports to your Home Assistant system from the Internet then it *will* be found by others."],
    policies: ["firewall-input-default-deny", "firewall-ipv6-not-wider"],
  },
  {
    id: "fail2ban",
    title: "Monitor failed authentication with fail2ban",
    seedWords: ["Install fail2ban to monitor your Home Assistant or proxy logs for failed authentication"],
    policies: [],
  },
] as const satisfies readonly ChecklistItem[];

/** The name of a policy the catalog lists: a policy file with another name does not type-check. */
export type PolicyName = (typeof CHECKLIST_ITEMS)[number]["policies"][number];

/** Every policy name in catalog order, each once. */
export const POLICY_NAMES: readonly PolicyName[] = [...new Set(CHECKLIST_ITEMS.flatMap((i): readonly PolicyName[] => i.policies))];

/** The checklist item a policy enforces (each policy serves exactly one item). */
export function itemOfPolicy(name: PolicyName): ChecklistItem {
  const item = CHECKLIST_ITEMS.find((i) => (i.policies as readonly string[]).includes(name));
  if (!item) throw new Error(`policy ${name} is in no checklist item`);
  return item;
}
