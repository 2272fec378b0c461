#!/usr/bin/env node
// Runs a suite that needs something outside the repository (a browser, Redis, real peers), after checking that it
// is there. Missing: one line saying what and how to get it; a failure under CI (.ci/run), "not run" elsewhere.
'use strict';
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const REPO = path.join(__dirname, '..', '..');
const PEERS = process.env.SHOTLINE_PEERS ?? path.join(REPO, '..', 'shared', 'peers');

function onPath(binary) {
  return spawnSync('sh', ['-c', `command -v "${binary}"`], { stdio: 'ignore' }).status === 0;
}

/** Each suite: its jest config and what it needs, each need with the sentence that tells how to get it. */
const SUITES = {
  e2e: {
    config: 'jest.e2e.config.js',
    needs: () => {
      const chromium = process.env.SHOTLINE_CHROMIUM ?? '/usr/bin/chromium';
      return existsSync(chromium)
        ? []
        : [
            `Chromium is not at ${chromium}: apt-get install chromium fonts-liberation fonts-wqy-microhei (or set SHOTLINE_CHROMIUM)`,
          ];
    },
  },
  cluster: {
    config: 'jest.cluster.config.js',
    needs: () => {
      const redis = process.env.SHOTLINE_REDIS_SERVER ?? 'redis-server';
      return onPath(redis)
        ? []
        : [`${redis} is not installed: apt-get install redis-server (or set SHOTLINE_REDIS_SERVER)`];
    },
  },
  reference: {
    config: 'jest.reference.config.js',
    needs: () =>
      onPath('g++')
        ? []
        : ['g++ is not installed (it builds the OpenTimelineIO timecode reference): apt-get install g++'],
  },
};

function main() {
  const [name, ...jestArgs] = process.argv.slice(2);
  const suite = SUITES[name];
  if (!suite) {
    process.stderr.write(`peer-suite: unknown suite "${name}"; one of: ${Object.keys(SUITES).join(', ')}\n`);
    process.exit(2);
  }
  const missing = suite.needs();
  if (missing.length > 0) {
    const ci = Boolean(process.env.CI);
    process.stdout.write(`test:${name} ${ci ? 'FAILED' : 'not run'}: ${missing.join('; ')}\n`);
    process.exit(ci ? 1 : 0);
  }
  const jest = require.resolve('jest/bin/jest');
  const run = spawnSync(process.execPath, [jest, '--config', suite.config, ...jestArgs], {
    cwd: REPO,
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}

module.exports = { PEERS, SUITES };
if (require.main === module) main();
