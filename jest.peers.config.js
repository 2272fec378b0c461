/** Suites against real peers (../shared/peers or SHOTLINE_PEERS): `npm run test:peers`; `.ci/run` runs it. */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  // Peer suites read the peers beside the checkout: exempt from `npm test`'s repository-boundary guard.
  setupFilesAfterEnv: [],
  testMatch: ['**/test/peers/**/*.peers.test.ts'],
  // The first run installs ComfyUI's venv (a minute or more); later runs reuse it.
  testTimeout: 600000,
};
