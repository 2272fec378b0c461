/** Browser end-to-end tests: the harness page in Debian's chromium with a live companion. */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  testMatch: ['**/test/e2e/**/*.e2e.test.ts'],
  testTimeout: 120000,
};
