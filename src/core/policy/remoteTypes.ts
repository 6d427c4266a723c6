/** Resource types of @pulumi/command 1.2.1 that open an SSH connection. */
export const REMOTE_COMMAND = "command:remote:Command";
export const REMOTE_COPY_TO_REMOTE = "command:remote:CopyToRemote";
/** Deprecated in 1.x but still registered; it connects like the others. */
export const REMOTE_COPY_FILE = "command:remote:CopyFile";

export const CONNECTING_TYPES: readonly string[] = [REMOTE_COMMAND, REMOTE_COPY_TO_REMOTE, REMOTE_COPY_FILE];
