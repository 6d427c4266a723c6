/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json" }] },
  testTimeout: 60000,
  // Two workers on 2 cores: the lab suites spend most of their time waiting on their guests (boots, package
  // installs, Home Assistant's start), so two at once roughly halve the run; the slowest start first.
  maxWorkers: 2,
  testSequencer: "<rootDir>/test/support/slowestLabFirst.js",
};
