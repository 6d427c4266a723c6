import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { HomeAssistantConfig } from "../../../src/concerns/homeassistant/config";
import { HTTP_READ_BACK_SCRIPT } from "../../../src/concerns/homeassistant/httpDrift";

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

/**
 * What the read-back prints for these files on a host: HTTP_READ_BACK_SCRIPT run by bash on real files (each
 * absent when not given).
 */
export function httpReadBack(files: { store?: string; httpPackage?: string; restartPending?: boolean }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ha-read-back-"));
  try {
    const [store, pkg, pending] = ["http", "http.yaml", ".restart-pending"].map((f) => path.join(dir, f));
    if (files.store !== undefined) fs.writeFileSync(store, files.store);
    if (files.httpPackage !== undefined) fs.writeFileSync(pkg, files.httpPackage);
    if (files.restartPending) fs.writeFileSync(pending, "");
    return execFileSync("bash", ["-euc", HTTP_READ_BACK_SCRIPT, "read-back", store, pkg, pending], { encoding: "utf8" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
