/** Reference suites: our timecode against OpenTimelineIO's own C++ (built with g++), every frame of 24 hours. */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  testMatch: ['**/test/reference/**/*.test.ts'],
  testTimeout: 900000,
};
