// The companion's own name and version, read once from package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function readVersion(): string {
  // Compiled files live two or three folders below the root; walk up until package.json is found.
  for (const up of ['..', '../..', '../../..', '../../../..']) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, up, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'shotline' && pkg.version) return pkg.version;
    } catch {
      // keep looking
    }
  }
  return '0.0.0';
}

export const SOFTWARE = Object.freeze({ name: 'shotline' as const, version: readVersion() });
