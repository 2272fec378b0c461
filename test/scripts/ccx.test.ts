// .ccx packaging: a zip of the plugin folder with manifest.json at the root, named after id and host as UDT does.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { packageCcx } from '../../scripts/ccx';

describe('packageCcx', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'shotline-ccx-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function plugin(manifest: unknown): string {
    const folder = join(dir, 'plugin');
    mkdirSync(join(folder, 'icons'), { recursive: true });
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(folder, 'index.html'), '<div id="root"></div>');
    writeFileSync(join(folder, 'icons', 'panel@2x.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    return folder;
  }

  it('zips every file, byte for byte, with forward-slash names and the manifest at the root', () => {
    const manifest = {
      id: 'com.example.p',
      version: '1.2.3',
      host: { app: 'premierepro', minVersion: '25.6.0' },
    };
    const packed = packageCcx(plugin(manifest), dir);
    expect(packed.file).toBe(join(dir, 'com.example.p_premierepro.ccx'));
    const entries = unzipSync(readFileSync(packed.file));
    expect(Object.keys(entries).sort()).toEqual(['icons/panel@2x.png', 'index.html', 'manifest.json']);
    expect(JSON.parse(Buffer.from(entries['manifest.json'] ?? []).toString())).toEqual(manifest);
    expect([...(entries['icons/panel@2x.png'] ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('refuses a folder that was not built, or a manifest without a usable version', () => {
    expect(() => packageCcx(join(dir, 'missing'), dir)).toThrow(
      `${join(dir, 'missing')} has no manifest.json: build the plugin first (npm run build:plugin).`,
    );
    const folder = plugin({ id: 'x', version: '1.0', host: { app: 'premierepro' } });
    expect(() => packageCcx(folder, dir)).toThrow('manifest version must be major.minor.patch');
  });
});
