// docs/protocol.md must be what the schemas generate today.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderProtocolDoc } from '../../shared/protocol';

test('docs/protocol.md is current (regenerate with `npm run docs:protocol`)', () => {
  const onDisk = readFileSync(join(__dirname, '../../docs/protocol.md'), 'utf8');
  expect(onDisk).toBe(renderProtocolDoc());
  expect(onDisk).toContain('### `job.done`');
});
