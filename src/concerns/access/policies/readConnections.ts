import type { ResourceValidationArgs } from "@pulumi/policy";
import { CONNECTING_TYPES } from "../../../core/policy/remoteTypes";

/** One SSH connection a resource opens, with a label for messages. */
export interface LabelledConnection {
  label: string;
  connection: Record<string, unknown>;
}

/**
 * The connection of a remote resource and its bastion (`proxy`), if any; undefined for resources that
 * do not connect. A missing connection is returned as an empty one, so it fails the checks.
 */
export function readConnections(args: ResourceValidationArgs): LabelledConnection[] | undefined {
  if (!CONNECTING_TYPES.includes(args.type)) return undefined;
  const connection = (args.props.connection ?? {}) as Record<string, unknown>;
  const result = [{ label: `The connection of ${args.name}`, connection }];
  const proxy = connection.proxy;
  if (proxy && typeof proxy === "object") result.push({ label: `The proxy connection of ${args.name}`, connection: proxy as Record<string, unknown> });
  return result;
}
