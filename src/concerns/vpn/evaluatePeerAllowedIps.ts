import { isIP } from "net";
import { parseWireguardConfig } from "./parseWireguardConfig";

/**
 * What is wrong with a server config's peer AllowedIPs: each must be a host route (an IPv4 /32 or an IPv6 /128),
 * so a device speaks only for its own address and never for the LAN or the internet. One sentence per finding.
 */
export function evaluatePeerAllowedIps(subject: string, text: string): string[] {
  const findings: string[] = [];
  for (const s of parseWireguardConfig(text)) {
    if (s.name.toLowerCase() !== "peer") continue;
    for (const setting of s.settings.filter((x) => x.key.toLowerCase() === "allowedips")) {
      for (const entry of setting.value.split(",").map((e) => e.trim()).filter((e) => e !== "")) {
        const [addr, len] = entry.split("/");
        const family = isIP(addr);
        const hostRoute = (family === 4 && (len === undefined || len === "32")) || (family === 6 && (len === undefined || len === "128"));
        if (!hostRoute) {
          const what = /^(0\.0\.0\.0\/0|::\/0)$/.test(entry) ? "everything" : "a whole network";
          findings.push(`${subject} must give each peer host routes only (/32, /128); the peer at line ${s.line} claims ${what} with \`${entry}\` on line ${setting.line}.`);
        }
      }
    }
  }
  return findings;
}
