/** Studio-cluster tests: need Debian's redis-server (`.ci/run` installs it). */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  // Suites with outside peers are exempt from the repository-boundary guard of `npm test`.
  setupFilesAfterEnv: [],
  testMatch: ['**/test/cluster/**/*.test.ts'],
  testTimeout: 180000,
};
