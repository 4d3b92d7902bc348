/** Jest runs TypeScript through SWC (no type-checking: `npm test` runs `tsc --noEmit` first). */
const swc = ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }];

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": swc,
    // github-slugger ships ES modules only; compile it to CommonJS like our own sources.
    "/node_modules/github-slugger/.+\\.js$": swc,
  },
  transformIgnorePatterns: ["/node_modules/(?!github-slugger/)"],
  setupFilesAfterEnv: ["<rootDir>/setup.js"],
  // Every temporary directory of a run lives under one root, removed when the run ends (jest/temp-root.js).
  globalSetup: "<rootDir>/jest/global-setup.js",
  globalTeardown: "<rootDir>/jest/global-teardown.js",
  // Plan tests run real Terraform; give them room without slowing the fast suites.
  testTimeout: 30000,
};
