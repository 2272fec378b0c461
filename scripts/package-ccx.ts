// `npm run package`: one installable .ccx per host build (dist/premierepro, dist/aftereffects) in dist/packages.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageCcx } from './ccx';

const root = join(__dirname, '../../..');
const out = join(root, 'dist/packages');
mkdirSync(out, { recursive: true });
for (const build of ['premierepro', 'aftereffects']) {
  const packed = packageCcx(join(root, 'dist', build), out);
  process.stdout.write(`${packed.file} (${packed.host} ${packed.version}, ${packed.entries.length} files)\n`);
}
