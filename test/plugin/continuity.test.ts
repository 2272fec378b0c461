// Continuity shots from the timeline: source frames of a gap's neighbours, exact times, fallbacks per backend.
import type { BackendInfo } from '../../shared/protocol';
import { TICKS_PER_SECOND } from '../../shared/timecode';
import {
  clipUnder,
  firstFrameOf,
  frameUnder,
  gapAtPlayhead,
  lastFrameOf,
  lastFrameOfTake,
  neighboursOf,
  planConditioning,
} from '../../plugin/ui/continuity';
import { backendInfo } from '../support/backend-info';
import { FPS_23976, setUp } from './sim-fixture';

const SECOND = Number(TICKS_PER_SECOND);

async function trimmedPair() {
  const { sim, adapter, at } = setUp(FPS_23976);
  // A uses its media from frame 11, B from frame 5; 45 frames of gap between them at 23.976.
  sim.addClip(0, { name: 'A', startTicks: at(0), endTicks: at(31), mediaPath: '/m/a.mov', inTicks: at(11) });
  sim.addClip(0, { name: 'B', startTicks: at(76), endTicks: at(100), mediaPath: '/m/b.mov', inTicks: at(5) });
  const [gap] = await adapter.findGaps(0);
  return { sim, adapter, at, gap: gap!, clips: await adapter.getTrackClips(0) };
}

function backend(conditioning?: BackendInfo['capabilities']['conditioning']): BackendInfo {
  return backendInfo({ capabilities: { ...(conditioning && { conditioning }) } });
}

test('the adapter reads each clip with its source in and out points', async () => {
  const { clips, at } = await trimmedPair();
  expect(clips.map((c) => [c.name, c.sourceInTicks, c.sourceOutTicks])).toEqual([
    ['A', at(11).toString(), at(42).toString()],
    ['B', at(5).toString(), at(29).toString()],
  ]);
});

test("a gap's neighbours give the last frame shown before it and the first after it, exactly", async () => {
  const { gap, clips, at } = await trimmedPair();
  expect(gap.frames).toBe(45);
  const { before, after } = neighboursOf(gap, clips);
  const last = lastFrameOf(before!);
  const first = firstFrameOf(after!);
  // One tick before A's out point (source frame 42) lies inside source frame 41.
  expect(last).toEqual({
    ok: true,
    image: { kind: 'frame', path: '/m/a.mov', time: { num: Number(at(42)) - 1, den: SECOND } },
  });
  expect(first).toEqual({
    ok: true,
    image: { kind: 'frame', path: '/m/b.mov', time: { num: Number(at(5)), den: SECOND } },
  });
});

test('the playhead picks the gap it is in, else the next one; the frame under it is in source time', async () => {
  const { gap, clips, at } = await trimmedPair();
  expect(gapAtPlayhead([gap], at(50).toString())).toBe(gap);
  expect(gapAtPlayhead([gap], at(3).toString())).toBe(gap);
  expect(gapAtPlayhead([gap], at(80).toString())).toBeUndefined();
  const b = clipUnder(clips, at(80))!;
  expect(frameUnder(b, at(80))).toMatchObject({ image: { time: { num: Number(at(9)) } } });
});

test("a finished take's last frame is frame n-1 at its own rate", () => {
  const output = {
    path: '/out/S1.mp4',
    sidecarPath: '/out/S1.json',
    frames: 73,
    fps: { num: 30000, den: 1001 },
    width: 640,
    height: 360,
    durationSeconds: 2.4357,
    codec: 'h264',
    sha256: 'a'.repeat(64),
  };
  expect(lastFrameOfTake(output)).toEqual({
    kind: 'frame',
    path: '/out/S1.mp4',
    time: { num: 72 * 1001, den: 30000 },
  });
});

test('bridge: flf2v where the backend has it, i2v with a notice where it has not, refused where neither', () => {
  const a = { kind: 'still' as const, path: '/m/a.png' };
  const b = { kind: 'still' as const, path: '/m/b.png' };
  expect(planConditioning(backend(['i2v', 'flf2v']), 'bridge', a, b)).toEqual({
    ok: true,
    conditioning: { mode: 'flf2v', action: 'bridge', startImage: a, endImage: b },
  });
  expect(planConditioning(backend(['i2v']), 'bridge', a, b)).toEqual({
    ok: true,
    conditioning: { mode: 'i2v', action: 'bridge', startImage: a },
    notice: expect.stringContaining('Backend X has no first-and-last-frame mode'),
  });
  expect(planConditioning(backend(), 'extend', a)).toEqual({
    ok: false,
    message: 'Backend X cannot start a shot from an image; pick another backend.',
  });
});

test('a clip without media (a title, a nested sequence) cannot give a frame', () => {
  expect(
    lastFrameOf({
      trackIndex: 0,
      name: 'Title',
      mediaPath: '',
      startTicks: '0',
      endTicks: '10',
      sourceOutTicks: '10',
    }),
  ).toEqual({ ok: false, message: '"Title" has no media file to take a frame from.' });
});
