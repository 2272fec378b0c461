// The hosted Wan models we accept, their allowed sizes (DESIGN.md §5), and the nearest-size rule.
import type { FrameSize } from '../../../shared/protocol';
import { nearestSize } from '../remote/nearest-size';

export interface DashScopeModel {
  /** Allowed output sizes as the API spells them, "W*H". */
  sizes: readonly string[];
  /** Native rate of the delivered MP4, for the panel; the real rate is read with ffprobe. */
  fps: number;
  durationSeconds: number;
}

const SIZES_480P = ['832*480', '480*832', '624*624'];
const SIZES_720P = ['1280*720', '720*1280', '960*960', '1088*832', '832*1088'];

export const DASHSCOPE_MODELS: Readonly<Record<string, DashScopeModel>> = Object.freeze({
  'wan2.2-t2v-plus': {
    sizes: [...SIZES_480P, '1920*1080', '1080*1920', '1440*1440', '1632*1248', '1248*1632'],
    fps: 30,
    durationSeconds: 5,
  },
  'wanx2.1-t2v-turbo': { sizes: [...SIZES_480P, ...SIZES_720P], fps: 16, durationSeconds: 5 },
  'wanx2.1-t2v-plus': { sizes: SIZES_720P, fps: 16, durationSeconds: 5 },
});

export const DASHSCOPE_HOSTS = Object.freeze({
  beijing: 'https://dashscope.aliyuncs.com',
  singapore: 'https://dashscope-intl.aliyuncs.com',
  virginia: 'https://dashscope-us.aliyuncs.com',
});
export type DashScopeRegion = keyof typeof DASHSCOPE_HOSTS;

export function parseApiSize(size: string): FrameSize {
  const [w, h] = size.split('*').map(Number);
  return { width: w ?? 0, height: h ?? 0 };
}

/** The allowed "W*H" size nearest the wanted frame with the same orientation (see nearestSize). */
export function nearestApiSize(wanted: FrameSize, allowed: readonly string[]): string | null {
  const sizes = allowed.map((api) => ({ api, ...parseApiSize(api) }));
  return nearestSize(wanted, sizes)?.api ?? null;
}
