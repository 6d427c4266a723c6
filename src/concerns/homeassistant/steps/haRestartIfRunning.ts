import { HA_AS_USER } from "./haAsUser";

/**
 * Appended to a step that changed a file Home Assistant reads only at start (it runs only after a change):
 * restarts the running service so the change takes effect; nothing when it is not running yet. Needs `$user`.
 */
export const HA_RESTART_IF_RUNNING = `${HA_AS_USER}
if user_systemctl is-active --quiet homeassistant.service 2>/dev/null; then user_systemctl restart homeassistant.service; echo "restarted homeassistant.service"; fi
`;
