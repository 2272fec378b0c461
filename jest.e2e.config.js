/** Browser end-to-end tests: the harness page in Debian's chromium with a live companion. */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  // Suites with outside peers are exempt from the repository-boundary guard of `npm test`.
  setupFilesAfterEnv: [],
  testMatch: ['**/test/e2e/**/*.e2e.test.ts'],
  testTimeout: 120000,
};
