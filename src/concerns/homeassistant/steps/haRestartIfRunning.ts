import { HA_PATHS } from "../haPaths";
import { HA_AS_USER } from "./haAsUser";

/**
 * Appended to a step that changed a file Home Assistant reads only at start (it runs only after a change):
 * restarts the running service so the change takes effect; nothing when it is not running yet. Needs `$user`.
 */
export const HA_RESTART_IF_RUNNING = `${HA_AS_USER}
if user_systemctl is-active --quiet ${HA_PATHS.unit}.service 2>/dev/null; then user_systemctl restart ${HA_PATHS.unit}.service; echo "restarted ${HA_PATHS.unit}.service"; fi
`;
