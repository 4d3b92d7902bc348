/** Jest runs TypeScript through SWC (no type-checking: `npm test` runs `tsc --noEmit` first). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  setupFilesAfterEnv: ["<rootDir>/setup.js"],
  // Plan tests run real Terraform; give them room without slowing the fast suites.
  testTimeout: 30000,
};
