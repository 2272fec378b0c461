// shared/timecode against ffmpeg's own timecode code (libavutil), through a QuickTime tmcd track: ffmpeg turns
// `-timecode` into the frame number it stores, and ffprobe turns a stored frame number back into a label.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { locateTool } from '../../companion/media/tool-locator';
import type { FrameRate } from '../../shared/protocol';
import { frameToTimecode, timecodeToFrame } from '../../shared/timecode';

const run = (tool: 'ffmpeg' | 'ffprobe', args: string[]) =>
  execFileSync(locateTool(tool), ['-v', 'error', ...args], { encoding: 'buffer' });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shotline-tmcd-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function movWithTimecode(rate: FrameRate, label: string): string {
  const path = join(dir, `tc-${rate.num}.mov`);
  run(
    'ffmpeg',
    ['-y', '-f', 'lavfi', '-i', `color=s=16x16:r=${rate.num}/${rate.den}`, '-frames:v', '1'].concat([
      '-timecode',
      label,
      '-c:v',
      'mpeg2video',
      path,
    ]),
  );
  return path;
}

/** The frame number ffmpeg stored for a label: the tmcd track's one 32-bit big-endian sample. */
function ffmpegFrameOf(rate: FrameRate, label: string): number {
  const sample = run('ffmpeg', [
    '-i',
    movWithTimecode(rate, label),
    '-map',
    '0:d',
    '-c',
    'copy',
    '-f',
    'data',
    '-',
  ]);
  return sample.readUInt32BE(0);
}

/** The label ffprobe shows for a stored frame number: the tmcd sample rewritten in place. */
function ffprobeLabelOf(path: string, offset: number, frame: number): string {
  const bytes = readFileSync(path);
  bytes.writeUInt32BE(frame, offset);
  writeFileSync(path, bytes);
  return run('ffprobe', [
    '-select_streams',
    'd',
    '-show_entries',
    'stream_tags=timecode',
    '-of',
    'csv=p=0',
    path,
  ])
    .toString()
    .trim();
}

describe.each([
  ['29.97 drop-frame', { num: 30000, den: 1001 }, 2_589_408],
  ['59.94 drop-frame', { num: 60000, den: 1001 }, 5_178_816],
])('%s against ffmpeg', (_name, rate: FrameRate, framesPerDay: number) => {
  const fps = rate.num / 1000;
  // Minute and ten-minute boundaries, where drop-frame goes wrong, plus seeded random frames of the day.
  const frames = [0, 1, fps * 60 - 3, fps * 60 - 2, 17982 * (fps / 30), framesPerDay - 1].concat(
    fc.sample(fc.integer({ min: 0, max: framesPerDay - 1 }), { numRuns: 10, seed: 24 }),
  );

  it('reads our labels as the frames we count', () => {
    for (const frame of frames) {
      const label = frameToTimecode(frame, rate, true);
      expect([label, ffmpegFrameOf(rate, label)]).toEqual([label, frame]);
    }
  });

  it('labels our frame numbers as we do, and we read its labels back', () => {
    const path = movWithTimecode(rate, '00:00:00;00');
    const packets = run('ffprobe', [
      '-select_streams',
      'd',
      '-show_entries',
      'packet=pos',
      '-of',
      'csv=p=0',
      path,
    ]);
    const offset = Number(packets.toString().trim().split('\n')[0]);
    for (const frame of frames) {
      const label = ffprobeLabelOf(path, offset, frame);
      expect([frame, label]).toEqual([frame, frameToTimecode(frame, rate, true)]);
      expect(timecodeToFrame(label, rate, true)).toBe(frame);
    }
  });
});
