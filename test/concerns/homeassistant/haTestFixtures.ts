import type { HomeAssistantConfig } from "../../../src/concerns/homeassistant/config";

export const TEST_IMAGE = `ghcr.io/home-assistant/home-assistant:2026.11.0@sha256:${"ab".repeat(32)}`;

/** The compliant baseline: every negative test changes one thing of it. */
export function haBaseline(): HomeAssistantConfig {
  return {
    image: TEST_IMAGE,
    port: 8123,
    owner: { name: "Alex", username: "alex", password: "correct horse battery", language: "en" },
    http: { ipBanEnabled: true, loginAttemptsThreshold: 5, trustedProxies: [] },
    trustedNetworks: { networks: [], allowBypassLogin: false },
    devices: [],
    secrets: {},
  };
}
