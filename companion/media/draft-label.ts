// The burned-in "AI DRAFT" label for backends whose frames do not carry one (the slate draws its own).
import { dirname, join } from 'node:path';

export const BURNED_IN_LABEL = 'AI DRAFT';

/** Path to the bundled Noto Sans Hans face, escaped for an ffmpeg filter argument. */
function fontFile(): string {
  const path = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Bold.otf');
  // Filter arguments treat ':' and '\' specially (Windows drive letters).
  return path.replace(/\\/g, '/').replace(/:/g, '\\:');
}

/** A drawtext filter: white on a red box in the top-left corner, sized to the frame height. */
export function draftLabelFilter(height: number): string {
  const size = Math.max(12, Math.round(height / 24));
  const pad = Math.round(size / 2);
  return [
    `drawtext=fontfile='${fontFile()}'`,
    `text='${BURNED_IN_LABEL}'`,
    `fontsize=${size}`,
    'fontcolor=white',
    'box=1',
    'boxcolor=0xd7263d@0.9',
    `boxborderw=${pad}`,
    `x=${pad * 2}`,
    `y=${pad * 2}`,
  ].join(':');
}
