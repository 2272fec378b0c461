// Premiere lists the plugin and its panel under their Chinese names when its UI runs in Simplified Chinese:
// UXP manifests localise `name` and an entrypoint's `label` as LocalizedString objects ({ default, zh_CN }).
// https://developer.adobe.com/premiere-pro/uxp/plugins/concepts/manifest/
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { z } from 'zod';
import { packageCcx } from '../../../scripts/ccx';

const LocalizedString = z.object({ default: z.string().min(1), zh_CN: z.string().min(1) }).strict();
const Manifest = z.object({
  id: z.string(),
  name: LocalizedString,
  entrypoints: z.array(z.object({ type: z.string(), label: LocalizedString })).min(1),
});

const root = join(__dirname, '../../..');

test.each(['manifest.json', 'plugin/aftereffects/manifest.json'])(
  '%s names the plugin and its panel in English and Chinese',
  (file) => {
    const manifest = Manifest.parse(JSON.parse(readFileSync(join(root, file), 'utf8')));
    expect(manifest.name.default).toBe('Shotline');
    expect(manifest.name.zh_CN).toMatch(/[\u4e00-\u9fff]/);
    for (const entry of manifest.entrypoints) expect(entry.label.zh_CN).toMatch(/[\u4e00-\u9fff]/);
  },
);

test('a .ccx still packs the manifest whose name is localised, and keeps both names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shotline-ccx-locale-'));
  try {
    const folder = join(dir, 'premierepro');
    mkdirSync(folder);
    writeFileSync(join(folder, 'manifest.json'), readFileSync(join(root, 'manifest.json')));
    writeFileSync(join(folder, 'index.html'), '<div id="root"></div>');
    const packed = packageCcx(folder, dir);
    const entries = unzipSync(readFileSync(packed.file));
    const manifest = Manifest.parse(JSON.parse(Buffer.from(entries['manifest.json'] ?? []).toString()));
    expect(manifest.name).toEqual({ default: 'Shotline', zh_CN: 'Shotline 分镜预演' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
