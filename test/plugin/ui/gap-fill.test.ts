// Fill gaps in the panel: typed ranges, the gap list with reasons, exact-frame requests, and the placed result.
import { ShotRequestSchema, type FrameRate } from '../../../shared/protocol';
import { framesToTicks, ticksToFrames } from '../../../shared/timecode';
import type { TimelineGap } from '../../../plugin/host/host-adapter';
import {
  buildGapRequests,
  gapPlacementSettings,
  gapRange,
  gapRows,
  planGaps,
} from '../../../plugin/ui/gap-fill';
import type { JobRow } from '../../../plugin/ui/jobs-state';
import { placeInSlots } from '../../../plugin/ui/place-jobs';
import { readScriptShots } from '../../../plugin/ui/script-shots';
import type { PreparedShot } from '../../../plugin/ui/shot-requests';
import { FPS_23976, FPS_25, setUp } from '../sim-fixture';

const FPS_2997: FrameRate = { num: 30000, den: 1001 };
const prepare = (text: string): PreparedShot[] =>
  readScriptShots({ text }).shots.map((shot) => ({ shot, description: shot.prefilled }));
const build = {
  settings: { backend: 'slate', durationSeconds: 3, takes: 4, seed: '' },
  layout: { template: null, projectNegativePrompt: null },
  random: () => 0.5,
};
const gap = (start: number, frames: number, rate: FrameRate): TimelineGap => ({
  trackIndex: 0,
  startTicks: framesToTicks(start, rate).toString(),
  endTicks: framesToTicks(start + frames, rate).toString(),
  frames,
});

describe('timecode fields', () => {
  it('reads HH:MM:SS:FF at the nominal rate, and refuses what is not a timecode', () => {
    const inFrames = (text: string, rate = FPS_25) => {
      const parsed = gapRange(text, '', rate);
      return parsed.ok ? ticksToFrames(BigInt(parsed.range.inTicks ?? '0'), rate) : parsed.message;
    };
    expect(inFrames('00:00:01:12')).toBe(37);
    // A non-drop sequence reads ';' as a plain separator, as Premiere's timecode fields do.
    expect(inFrames('01:00:00;00', FPS_2997)).toBe(108000);
    expect(inFrames('2:05')).toBe(55);
    expect(inFrames('00:00:00:25')).toBe(
      'In "00:00:00:25" is out of range: minutes and seconds go to 59, frames to 24.',
    );
    expect(inFrames('soon')).toBe('In "soon" is not a timecode like 00:00:10:00.');
  });

  it('turns in/out into ticks, leaves empty ends open, and explains bad input', () => {
    expect(gapRange('', '', FPS_25)).toEqual({ ok: true, range: {} });
    expect(gapRange('00:00:01:00', '', FPS_23976)).toEqual({
      ok: true,
      range: { inTicks: framesToTicks(24, FPS_23976).toString() },
    });
    expect(gapRange('00:00:02:00', '00:00:01:00', FPS_25)).toEqual({
      ok: false,
      message: 'Out must be later than In.',
    });
    expect(gapRange('x', '', FPS_25)).toEqual({
      ok: false,
      message: 'In "x" is not a timecode like 00:00:10:00.',
    });
  });
});

describe('the gap list', () => {
  it('lists start timecode and length in frames and timecode, with reasons for gaps it cannot fill', () => {
    const gaps = [gap(24, 37, FPS_25), gap(100, 0, FPS_25), gap(200, 300, FPS_25)];
    const rows = gapRows(planGaps(gaps, FPS_25, 5, false), FPS_25);
    expect(rows.map(({ key: _key, ...row }) => row)).toEqual([
      {
        trackIndex: 0,
        startTimecode: '00:00:00:24',
        frames: 37,
        lengthTimecode: '00:00:01:12',
        status: 'fill',
        shots: 1,
      },
      {
        trackIndex: 0,
        startTimecode: '00:00:04:00',
        frames: 0,
        lengthTimecode: '00:00:00:00',
        status: 'too-short',
        reason: 'shorter than one frame',
        shots: 0,
      },
      {
        trackIndex: 0,
        startTimecode: '00:00:08:00',
        frames: 300,
        lengthTimecode: '00:00:12:00',
        status: 'too-long',
        reason: "300 frames is longer than the backend's 125; choose to fill it with several shots",
        shots: 0,
      },
    ]);
    const split = gapRows(planGaps(gaps, FPS_25, 5, true), FPS_25);
    expect(split[2]).toMatchObject({ status: 'fill', shots: 3 });
  });
});

describe('requests for gaps', () => {
  it('makes one single-take request per slot with exactly its frames at the sequence rate', () => {
    const verdicts = planGaps([gap(10, 37, FPS_23976), gap(90, 250, FPS_23976)], FPS_23976, 5, true);
    const built = buildGapRequests(verdicts, prepare('EXT. ROOF - NIGHT\n\nKai waits.'), {
      ...build,
      format: { frameRate: FPS_23976, frameSize: { width: 1280, height: 720 } },
    });
    if (!built.ok) throw new Error(built.message);
    // 5 s at 23.976 is 119 frames, so the 250-frame gap takes three shots: 84 + 83 + 83.
    expect(built.shots.map((s) => [s.shotId, s.duration, s.takes, s.fps])).toEqual([
      ['S1-01@V1-00000010', { frames: 37 }, 1, FPS_23976],
      ['S1-01@V1-00000318', { frames: 84 }, 1, FPS_23976],
      ['S1-01@V1-00000706', { frames: 83 }, 1, FPS_23976],
      ['S1-01@V1-00001017', { frames: 83 }, 1, FPS_23976],
    ]);
    for (const shot of built.shots) expect(ShotRequestSchema.safeParse(shot).success).toBe(true);
    expect(built.slots.map((s) => s.frames).reduce((a, b) => a + b)).toBe(37 + 250);
    expect(built.slots[1]?.startTicks).toBe(framesToTicks(90, FPS_23976).toString());
    expect(built.slots[2]?.startTicks).toBe(framesToTicks(174, FPS_23976).toString());
  });

  it('needs one line for all gaps or one line per gap', () => {
    const verdicts = planGaps([gap(0, 10, FPS_25), gap(20, 10, FPS_25)], FPS_25, 5, false);
    const format = { frameRate: FPS_25, frameSize: { width: 640, height: 360 } };
    const three = prepare('A runs.\n\nB runs.\n\nC runs.');
    expect(buildGapRequests(verdicts, three, { ...build, format })).toEqual({
      ok: false,
      message: 'Select one script line for every gap (2), or a single line for all of them; 3 are selected.',
    });
    const two = buildGapRequests(verdicts, three.slice(0, 2), { ...build, format });
    expect(two.ok && two.shots.map((s) => s.sourceText)).toEqual(['A runs.', 'B runs.']);
    expect(buildGapRequests([], three, { ...build, format })).toEqual({
      ok: false,
      message: 'There is no gap to fill: find gaps first.',
    });
  });
});

it('places a finished gap shot exactly over its gap on the simulated host, one undo step named after it', async () => {
  const { sim, adapter, at } = setUp(FPS_2997);
  sim.addClip(0, { name: 'a', startTicks: at(0), endTicks: at(40) });
  sim.addClip(0, { name: 'b', startTicks: at(77), endTicks: at(120) });
  const gaps = await adapter.findGaps(0, { outTicks: at(120).toString() });
  const verdicts = planGaps(gaps, FPS_2997, 5, false);
  const built = buildGapRequests(verdicts, prepare('Kai waits.'), {
    ...build,
    format: { frameRate: FPS_2997, frameSize: { width: 640, height: 360 } },
  });
  if (!built.ok) throw new Error(built.message);
  const slot = built.slots[0]!;
  expect(slot.frames).toBe(37);
  const job: JobRow = {
    jobId: 'job_gapfill1',
    shotId: slot.shotId,
    take: 1,
    status: 'done',
    output: {
      path: '/out/gap.mp4',
      sidecarPath: '/out/gap.json',
      frames: 37,
      fps: FPS_2997,
      width: 640,
      height: 360,
      durationSeconds: 37 / 29.97,
      codec: 'h264',
      sha256: '0'.repeat(64),
    },
  };
  sim.registerMedia('/out/gap.mp4', { frames: 37, fps: FPS_2997 });
  // Even with insert and lowest-free chosen for normal placement, a gap is overwritten on its own track.
  const settings = gapPlacementSettings(slot, { edit: 'insert', track: { kind: 'lowest-free' } });
  const [placed] = await placeInSlots(adapter, [{ job, slot }], () => undefined, settings);
  expect([placed?.trackIndex, placed?.startTicks, placed?.endTicks]).toEqual([
    0,
    gaps[0]!.startTicks,
    gaps[0]!.endTicks,
  ]);
  const places = sim.snapshot().undoStack.filter((name) => name.startsWith('Shotline: place'));
  expect(places).toEqual([`Shotline: place ${slot.shotId} take 1`]);
  expect(await adapter.findGaps(0, { outTicks: at(120).toString() })).toEqual([]);
});
