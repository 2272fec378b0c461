/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/cluster/', '/test/reference/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 60000,
  setupFilesAfterEnv: ['<rootDir>/test/support/repository-boundary.ts'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
