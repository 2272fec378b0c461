// Preloaded with `node -r`: prints the npm packages the process loaded, on exit, for bench/cli-startup.ts and the CLI start-up test.
'use strict';
const Module = require('node:module');
const builtins = new Set(Module.builtinModules);
const loaded = new Set();
const original = Module._load;
Module._load = function load(request, ...rest) {
  const bare = !request.startsWith('.') && !request.startsWith('/') && !request.startsWith('node:');
  if (bare && !builtins.has(request.split('/')[0])) {
    loaded.add(
      request
        .split('/')
        .slice(0, request.startsWith('@') ? 2 : 1)
        .join('/'),
    );
  }
  return original.call(this, request, ...rest);
};
process.on('exit', () => process.stderr.write(`shotline-modules ${JSON.stringify([...loaded].sort())}\n`));
