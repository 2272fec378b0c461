#!/usr/bin/env node
// Entry point for `npx shotline`: runs the compiled companion CLI (built by `npm run build`, run by `npm ci`).
'use strict';
const path = require('path');
const entry = path.join(__dirname, '..', 'dist', 'node', 'companion', 'cli', 'main.js');
try {
  require.resolve(entry);
} catch {
  process.stderr.write('shotline: the companion is not built yet; run `npm run build` first.\n');
  process.exit(1);
}
require(entry)
  .main(process.argv)
  .catch((err) => {
    process.stderr.write(`shotline: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(1);
  });
