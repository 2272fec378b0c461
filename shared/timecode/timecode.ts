// SMPTE-style timecode display (non-drop-frame, frames counted at the rounded nominal rate).
import type { FrameRate } from '../protocol/media';

export function formatTimecode(frame: number, rate: FrameRate): string {
  const nominal = Math.round(rate.num / rate.den);
  const f = frame % nominal;
  const totalSeconds = Math.floor(frame / nominal);
  const s = totalSeconds % 60;
  const m = Math.floor(totalSeconds / 60) % 60;
  const h = Math.floor(totalSeconds / 3600);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}:${pad(f)}`;
}
