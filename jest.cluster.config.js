/** Studio-cluster tests: need Debian's redis-server (`.ci/run` installs it). */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  testMatch: ['**/test/cluster/**/*.test.ts'],
  testTimeout: 180000,
};
