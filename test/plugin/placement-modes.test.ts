// Placement modes on the simulated host: track choice, insert vs overwrite, replace, batches as one undo step.
import { FPS_25, setUp } from './sim-fixture';

const ticks = (snapshot: { startTicks: string; endTicks: string }[] | undefined) =>
  snapshot?.map((c) => [c.startTicks, c.endTicks]);

describe('track choice', () => {
  it('never overwrites a user clip: lowest-free skips busy tracks', async () => {
    const { sim, adapter, at, clip } = setUp(FPS_25);
    sim.addClip(0, { name: 'user', startTicks: at(0), endTicks: at(100) });
    const placed = await adapter.placeClip(clip('S1', 10, { startTicks: at(95).toString() }));
    expect(placed.trackIndex).toBe(1);
    expect(ticks(sim.snapshot().videoTracks[0])).toEqual([['0', at(100).toString()]]);
  });

  it('uses a track chosen by name or index when it is free, and refuses it when busy', async () => {
    const { sim, adapter, at, clip } = setUp(FPS_25);
    expect(sim.snapshot().videoTrackNames).toEqual(['Video 1', 'Video 2', 'Video 3']);
    const named = await adapter.placeClip(clip('S1', 10, { track: { kind: 'named', name: 'Video 3' } }));
    expect(named.trackIndex).toBe(2);

    sim.addClip(1, { name: 'user', startTicks: at(0), endTicks: at(50) });
    const busy = adapter.placeClip(clip('S2', 10, { track: { kind: 'index', index: 1 } }));
    await expect(busy).rejects.toThrow('Video track 2 already has a clip over that range');
    expect(ticks(sim.snapshot().videoTracks[1])).toEqual([['0', at(50).toString()]]);

    await expect(adapter.placeClip(clip('S3', 10, { track: { kind: 'named', name: 'FX' } }))).rejects.toThrow(
      'The sequence has no video track named "FX" (it has "Video 1", "Video 2", "Video 3").',
    );
  });

  it('gives each clip of one batch its own room on lowest-free tracks', async () => {
    const { sim, adapter, at, clip } = setUp(FPS_25);
    const placed = await adapter.placeClips([
      clip('S1', 20, { name: 'S1 take 1', startTicks: at(0).toString() }),
      clip('S1b', 20, { name: 'S1 take 2', startTicks: at(0).toString() }),
      clip('S2', 20, { name: 'S2 take 1', startTicks: at(20).toString() }),
    ]);
    expect(placed.map((p) => [p.trackIndex, p.startTicks])).toEqual([
      [0, '0'],
      [1, '0'],
      [0, at(20).toString()],
    ]);
    expect(sim.snapshot().undoStack.at(-1)).toBe('Shotline: place S1 take 1, S1 take 2, S2 take 1');
    expect(sim.undo()).toBe('Shotline: place S1 take 1, S1 take 2, S2 take 1');
    expect(sim.snapshot().videoTracks.flat()).toEqual([]);
  });
});

describe('insert', () => {
  it('ripples later material instead of covering it, as one undo step', async () => {
    const { sim, adapter, at, clip } = setUp(FPS_25);
    sim.addClip(0, { name: 'a', startTicks: at(0), endTicks: at(50) });
    sim.addClip(0, { name: 'b', startTicks: at(50), endTicks: at(80) });
    sim.addClip(1, { name: 'title', startTicks: at(60), endTicks: at(70) });
    const placed = await adapter.placeClip(
      clip('S5', 25, { startTicks: at(50).toString(), edit: 'insert', track: { kind: 'index', index: 0 } }),
    );
    expect([placed.trackIndex, placed.startTicks, placed.endTicks]).toEqual([
      0,
      at(50).toString(),
      at(75).toString(),
    ]);
    const snap = sim.snapshot();
    expect(snap.videoTracks[0]?.map((c) => [c.name, c.startTicks, c.endTicks])).toEqual([
      ['a', '0', at(50).toString()],
      ['S5.mp4', at(50).toString(), at(75).toString()],
      ['b', at(75).toString(), at(105).toString()],
    ]);
    // Other tracks move too, so the cut stays in sync.
    expect(ticks(snap.videoTracks[1])).toEqual([[at(85).toString(), at(95).toString()]]);
    sim.undo();
    expect(sim.snapshot().videoTracks[0]?.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('keeps every requested time of an insert batch on the untouched timeline', async () => {
    const { sim, adapter, at, clip } = setUp(FPS_25);
    sim.addClip(0, { name: 'a', startTicks: at(0), endTicks: at(100) });
    const track = { kind: 'index' as const, index: 0 };
    const placed = await adapter.placeClips([
      clip('S1', 10, { startTicks: at(20).toString(), edit: 'insert', track }),
      clip('S2', 10, { startTicks: at(60).toString(), edit: 'insert', track }),
    ]);
    expect(placed.map((p) => [p.startTicks, p.endTicks])).toEqual([
      [at(20).toString(), at(30).toString()],
      [at(70).toString(), at(80).toString()],
    ]);
    expect(sim.snapshot().videoTracks[0]?.map((c) => c.name)).toEqual(['a', 'S1.mp4', 'a', 'S2.mp4', 'a']);
  });

  it('refuses a batch that mixes insert and overwrite', async () => {
    const { adapter, clip } = setUp(FPS_25);
    await expect(adapter.placeClips([clip('S1', 5), clip('S2', 5, { edit: 'insert' })])).rejects.toThrow(
      'one batch uses one edit mode',
    );
  });
});

describe('replace', () => {
  it('replaces the selected clip over the same range in one undo step', async () => {
    const { sim, adapter, at, clip } = setUp(FPS_25);
    sim.addClip(1, { name: 'placeholder', startTicks: at(40), endTicks: at(77) });
    sim.addClip(1, { name: 'next', startTicks: at(77), endTicks: at(90) });
    sim.selectClip(1, 'placeholder');
    const [target] = await adapter.getSelectedClips();
    expect(target).toEqual({
      trackIndex: 1,
      name: 'placeholder',
      mediaPath: '/sim/placeholder',
      startTicks: at(40).toString(),
      endTicks: at(77).toString(),
      // The whole 37-frame media is used: its source range starts at 0.
      sourceInTicks: '0',
      sourceOutTicks: at(37).toString(),
    });
    if (!target) throw new Error('nothing selected');
    const placed = await adapter.replaceClip(target, clip('S7', 37, { name: 'S7 take 2' }));
    expect([placed.trackIndex, placed.startTicks, placed.endTicks]).toEqual([
      1,
      at(40).toString(),
      at(77).toString(),
    ]);
    expect(sim.snapshot().videoTracks[1]?.map((c) => c.name)).toEqual(['S7.mp4', 'next']);
    expect(sim.undo()).toBe('Shotline: replace placeholder with S7 take 2');
    expect(sim.snapshot().videoTracks[1]?.map((c) => c.name)).toEqual(['placeholder', 'next']);
  });

  it('refuses a take of another length or a target that moved', async () => {
    const { sim, adapter, at, clip } = setUp(FPS_25);
    sim.addClip(0, { name: 'shot', startTicks: at(0), endTicks: at(30) });
    const target = {
      trackIndex: 0,
      name: 'shot',
      mediaPath: '/sim/shot',
      startTicks: '0',
      endTicks: at(30).toString(),
    };
    await expect(adapter.replaceClip(target, clip('S8', 31))).rejects.toThrow('needs exactly its own length');
    const moved = { ...target, startTicks: at(1).toString() };
    await expect(adapter.replaceClip(moved, clip('S8', 29))).rejects.toThrow(
      '"shot" is no longer where it was',
    );
    expect(sim.snapshot().videoTracks[0]?.map((c) => c.name)).toEqual(['shot']);
  });
});
