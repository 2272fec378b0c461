// Draws the manifest's icons (run once; the PNGs are committed): a slate with a play mark, at the sizes
// UXP asks for (panel 23 px and plugin 48 px, each at 1x and 2x), light and dark variants for the panel.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';

function draw(size: number, ink: string): Buffer {
  const canvas = createCanvas(size, size);
  const g = canvas.getContext('2d');
  const u = size / 24;
  g.strokeStyle = ink;
  g.fillStyle = ink;
  g.lineWidth = Math.max(1, 1.6 * u);
  // Slate body and clapper stripe.
  g.strokeRect(3 * u, 8 * u, 18 * u, 13 * u);
  g.beginPath();
  g.moveTo(3 * u, 8 * u);
  g.lineTo(20 * u, 3 * u);
  g.stroke();
  // Play triangle: a shot to be generated.
  g.beginPath();
  g.moveTo(10 * u, 11.5 * u);
  g.lineTo(16 * u, 14.5 * u);
  g.lineTo(10 * u, 17.5 * u);
  g.closePath();
  g.fill();
  return canvas.toBuffer('image/png');
}

const out = join(__dirname, '../../../plugin/icons');
mkdirSync(out, { recursive: true });
// Dark ink on light themes, light ink on dark themes; the plugin icon sits on the Plugins panel's grey.
const variants = { 'panel-light': '#323232', 'panel-dark': '#e6e6e6' } as const;
for (const [name, ink] of Object.entries(variants)) {
  writeFileSync(join(out, `${name}.png`), draw(23, ink));
  writeFileSync(join(out, `${name}@2x.png`), draw(46, ink));
}
writeFileSync(join(out, 'plugin.png'), draw(48, '#1473e6'));
writeFileSync(join(out, 'plugin@2x.png'), draw(96, '#1473e6'));
