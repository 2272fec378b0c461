// Reads the harness page's query: ?companion=ws://…&token=…&fps=25&size=1280x720&tc=01:00:00;00 (all optional).
import type { FrameRate, FrameSize } from '../../shared/protocol';
import { parseFrameRate } from '../../shared/timecode';

export interface HarnessParams {
  companion?: string;
  token?: string;
  frameRate?: FrameRate;
  frameSize?: FrameSize;
  /** The simulated sequence's start timecode; `;` before the frames shows it drop-frame. */
  startTimecode?: string;
}

export function readHarnessParams(search: string): HarnessParams {
  const query = new URLSearchParams(search);
  const params: HarnessParams = {};
  const companion = query.get('companion');
  const token = query.get('token');
  const fps = query.get('fps');
  const size = /^(\d+)x(\d+)$/.exec(query.get('size') ?? '');
  if (companion) params.companion = companion;
  if (token) params.token = token;
  if (fps) params.frameRate = parseFrameRate(fps);
  const tc = query.get('tc');
  if (tc) params.startTimecode = tc;
  if (size) params.frameSize = { width: Number(size[1]), height: Number(size[2]) };
  return params;
}
