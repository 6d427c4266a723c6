import { z } from "zod";
import { CONFIG_NAMESPACE } from "../core/configKey";
import { OS_TABLE } from "../core/osTable";
import { stackConfigSchema } from "./schema";

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
  description?: string;
  defaultReason?: string;
  defaultShown?: string;
  secret?: boolean;
  example?: string;
};

function typeOf(s: JsonSchema): string {
  if (s.secret) return "string, **secret**";
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(" or ");
  if (s.type === "array") return `list of ${s.items ? typeOf(s.items) : "values"}`;
  if (s.type === "object") return s.properties ? "mapping" : "mapping of text to text";
  if (s.type === "integer") return "integer";
  return Array.isArray(s.type) ? s.type.join(" or ") : (s.type ?? "value");
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function rows(schema: JsonSchema, prefix: string, out: string[]): void {
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const full = `${prefix}${prefix ? "." : ""}${key}`;
    const required = schema.required?.includes(key) && prop.default === undefined && prop.defaultShown === undefined;
    const def = prop.default !== undefined ? `\`${JSON.stringify(prop.default)}\`` : prop.defaultShown !== undefined ? prop.defaultShown : required ? "required" : "optional";
    const description = [prop.description ?? "", prop.defaultReason ? `Default because: ${prop.defaultReason}` : ""].filter(Boolean).join(" ");
    out.push(`| \`${full}\` | ${cell(typeOf(prop))} | ${cell(def)} | ${cell(description)} |`);
    if (prop.type === "object" && prop.properties) rows(prop, full, out);
    if (prop.type === "array" && prop.items?.properties) rows(prop.items, `${full}[]`, out);
  }
}

/** The configuration reference (docs/configuration.md), generated from the zod schema's metadata. */
export function renderConfigReference(): string {
  const json = z.toJSONSchema(stackConfigSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const table = ["| Key | Type | Default | Description |", "| --- | --- | --- | --- |"];
  rows(json, "", table);
  const osRows = Object.entries(OS_TABLE).map(
    ([id, os]) =>
      `| \`${id}\` | ${os.title} | ${os.openssh} | \`${os.sshService}\`${os.sshSocketActivated ? " (socket-activated)" : ""} | ${os.labTested ? "yes" : "no"} | ${os.differs || "—"} |`,
  );
  return [
    "# Configuration reference",
    "",
    "<!-- Generated from src/config/schema.ts by `npm run docs`; do not edit by hand (a test fails when it drifts). -->",
    "",
    `Every key lives under the project namespace \`${CONFIG_NAMESPACE}\`, in \`stacks/Pulumi.<stack>.yaml\`. Keys below`,
    `are paths inside \`${CONFIG_NAMESPACE}:hosts\`, as \`pulumi config set --path\` takes them (\`hosts[0].admin.user\`).`,
    "Secrets must be set with `pulumi config set --secret --path …` (the value on stdin); `npm run identity`",
    "generates the host keys and the automation key. The whole config is validated before any resource is",
    "registered; every problem is reported at once, each naming its key.",
    "",
    ...table,
    "",
    "## Operating systems (`os`)",
    "",
    "| os | System | OpenSSH | ssh service | lab-tested | What differs |",
    "| --- | --- | --- | --- | --- | --- |",
    ...osRows,
    "",
    "## Refused `sshd.extraSettings`",
    "",
    "`Port`, `HostKey`, `Match`, `Include`, `AllowTcpForwarding` and `ForceCommand` are managed elsewhere and refused.",
    "Settings that would lock the admin out are refused: `AllowUsers`/`AllowGroups` without the admin (or its `sudo`",
    "group), `DenyUsers`/`DenyGroups` matching it, `PubkeyAuthentication no`, `AuthenticationMethods` without",
    "`publickey` on its own, `AuthorizedKeysFile` without `.ssh/authorized_keys`. Everything else is written into the",
    "drop-in, and the policy pack judges the result.",
    "",
  ].join("\n");
}
