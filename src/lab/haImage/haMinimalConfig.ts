/**
 * The configuration the lab's Home Assistant starts with: no default_config (its discovery and cloud integrations
 * need requirements the image leaves out), only what onboarding, auth, the frontend, the HTTP API and the
 * websocket need; the core sets up the rest of its defaults by itself.
 */
export const HA_MINIMAL_CONFIG = [
  "homeassistant:",
  "  name: Home",
  "http:",
  "  server_port: 8123",
  "frontend:",
  "api:",
  "websocket_api:",
  "onboarding:",
  "",
].join("\n");
