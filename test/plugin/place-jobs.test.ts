// The panel's placement helpers over the simulated host: fill gaps as one undo step, promote a take.
import type { JobsAction } from '../../plugin/ui/jobs-state';
import { placeInSlots, promoteTake } from '../../plugin/ui/place-jobs';
import { planGapFill } from '../../plugin/host/timeline/placement-plan';
import { FPS_23976, doneJob, setUp } from './sim-fixture';

const job = (shotId: string, take: number, frames: number) =>
  doneJob(shotId, take, frames, FPS_23976, { width: 1920, height: 1080 });

describe('placeInSlots and promoteTake', () => {
  it('fills each gap with its job in one undo step, labelled as AI drafts, then promotes a take', async () => {
    const { sim, adapter, at } = setUp(FPS_23976);
    sim.addClip(0, { name: 'a', startTicks: at(0), endTicks: at(24) });
    sim.addClip(0, { name: 'b', startTicks: at(61), endTicks: at(100) });
    const gaps = await adapter.findGaps(0, { outTicks: at(100).toString() });
    const [verdict] = planGapFill(gaps, FPS_23976, { maxFrames: 121, splitLong: false });
    if (verdict?.status !== 'fill') throw new Error('expected a fill');
    for (const j of [job('S1', 1, 37), job('S1', 2, 37)])
      sim.registerMedia(j.output!.path, { frames: 37, fps: FPS_23976 });
    const actions: JobsAction[] = [];
    const settings = {
      track: { kind: 'index' as const, index: 0 },
      labels: { colorLabel: 6 },
      provenance: () => ({ prompt: 'A van in the rain', seed: 3, backend: 'slate' }),
      sceneOf: () => 'EXT. STREET',
    };
    const [placed] = await placeInSlots(
      adapter,
      [{ job: job('S1', 1, 37), slot: verdict.shots[0]! }],
      (a) => actions.push(a),
      settings,
    );
    expect([placed?.startTicks, placed?.endTicks]).toEqual([at(24).toString(), at(61).toString()]);
    expect(actions.map((a) => a.type)).toEqual(['placing', 'placed']);
    const bin = sim.snapshot().bins.find((b) => b.path === 'Shotline/EXT. STREET/S1');
    expect(bin?.items[0]?.colorLabel).toBe(6);

    const target = {
      trackIndex: 0,
      name: 'S1_t1.mp4',
      mediaPath: '/out/S1_t1.mp4',
      startTicks: at(24).toString(),
      endTicks: at(61).toString(),
    };
    await promoteTake(adapter, target, job('S1', 2, 37), () => undefined, settings);
    expect(sim.snapshot().videoTracks[0]?.map((c) => c.mediaPath)).toEqual([
      '/sim/a',
      '/out/S1_t2.mp4',
      '/sim/b',
    ]);
    expect(sim.snapshot().undoStack.at(-1)).toBe('Shotline: replace S1_t1.mp4 with S1 take 2');
    expect(bin && sim.snapshot().bins.find((b) => b.path === bin.path)?.items).toHaveLength(2);
  });

  it('refuses a job whose length does not match its slot, before touching the timeline', async () => {
    const { sim, adapter } = setUp(FPS_23976);
    const slot = { startTicks: '0', frames: 40 };
    await expect(placeInSlots(adapter, [{ job: job('S2', 1, 39), slot }], () => undefined)).rejects.toThrow(
      'S2 take 1 is 39 frames; its slot needs 40.',
    );
    expect(sim.snapshot().undoStack).toEqual([]);
  });
});
