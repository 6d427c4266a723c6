/** Paths (below the host entry) of every Home Assistant secret a raw host entry holds: the owner's password and secrets.yaml's values. */
export function secretPaths(host: any): (string | number)[][] {
  const ha = host?.homeAssistant;
  if (ha === null || typeof ha !== "object") return [];
  const secrets = ha.secrets !== null && typeof ha.secrets === "object" && !Array.isArray(ha.secrets) ? Object.keys(ha.secrets) : [];
  return [["homeAssistant", "owner", "password"], ...secrets.map((name) => ["homeAssistant", "secrets", name])];
}
