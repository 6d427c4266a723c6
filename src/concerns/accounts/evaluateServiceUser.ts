import { decodeUserSpec } from "../../core/stepManifest";
import { HA_SERVICE_USER, NO_LOGIN_SHELLS, PRIVILEGED_GROUPS } from "./serviceUserRules";

/**
 * Checklist: "don't run Home Assistant as root – consider the Principle of Least Privilege".
 * Judges the UserSpec text a `user` step puts on stdin; returns one-sentence messages, none when compliant.
 */
export function evaluateServiceUser(specText: string, expectedName: string = HA_SERVICE_USER): string[] {
  const spec = decodeUserSpec(specText);
  const subject = `The ${expectedName} service user`;
  const problems: string[] = [];
  if (spec.name !== expectedName) problems.push(`${subject} step must create the account ${expectedName}; found \`name=${spec.name}\`.`);
  if (spec.name === "root") problems.push(`${subject} must not be root; found \`name=root\`.`);
  const uid = /^uid=(.*)$/m.exec(specText);
  if (uid && Number(uid[1]) === 0) problems.push(`${subject} must not have uid 0; found \`uid=${uid[1]}\`.`);
  if (spec.sudo) problems.push(`${subject} must not have sudo; found \`sudo=yes\`.`);
  const privileged = spec.groups.filter((g) => PRIVILEGED_GROUPS.some((p) => p.name === g));
  if (privileged.length > 0) problems.push(`${subject} must not be in the groups ${privileged.join(", ")}; found \`groups=${spec.groups.join(",")}\`.`);
  if (!NO_LOGIN_SHELLS.includes(spec.shell)) problems.push(`${subject} must have the shell /usr/sbin/nologin or /bin/false; found \`shell=${spec.shell}\`.`);
  if (spec.authorizedKeys.length > 0) problems.push(`${subject} must not have SSH authorized keys; found ${spec.authorizedKeys.length} \`authorized_key=\` line(s).`);
  return problems;
}
