// Reads the harness page's query: ?companion=ws://…&token=…&fps=25&size=1280x720 (all optional).
import type { FrameRate, FrameSize } from '../../shared/protocol';
import { parseFrameRate } from '../../shared/timecode';

export interface HarnessParams {
  companion?: string;
  token?: string;
  frameRate?: FrameRate;
  frameSize?: FrameSize;
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
  if (size) params.frameSize = { width: Number(size[1]), height: Number(size[2]) };
  return params;
}
