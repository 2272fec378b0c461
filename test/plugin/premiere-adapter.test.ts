// The Premiere adapter against the simulated host: where clips land, which bin, which track, how undo works.
import { HostError } from '../../plugin/host/host-adapter';
import { FPS_23976, FPS_25, setUp } from './sim-fixture';

describe('Premiere adapter: getSequenceInfo', () => {
  it('reads 23.976 fps exactly from the timebase, and the frame size', async () => {
    const { sim, adapter } = setUp(FPS_23976);
    sim.setPlayhead(10594584000n * 48n);
    const info = await adapter.getSequenceInfo();
    expect(info).toEqual({
      name: 'Cut 1',
      frameSize: { width: 1920, height: 1080 },
      frameRate: { num: 24000, den: 1001 },
      playheadTicks: '508540032000',
      durationTicks: '0',
      timecode: { startFrame: 0, dropFrame: false },
    });
    expect(sim.snapshot().sequence?.timebaseTicks).toBe('10594584000');
  });

  it('reads 25 fps and a non-HD frame size', async () => {
    const { sim, adapter } = setUp(FPS_25);
    sim.addSequence({ name: 'PAL', frameSize: { width: 720, height: 576 }, frameRate: FPS_25 });
    const info = await adapter.getSequenceInfo();
    expect(info?.name).toBe('PAL');
    expect(info?.frameRate).toEqual({ num: 25, den: 1 });
    expect(info?.frameSize).toEqual({ width: 720, height: 576 });
  });

  it('returns null when no sequence is open', async () => {
    const { sim, adapter } = setUp();
    sim.project.activeSequence = null;
    await expect(adapter.getSequenceInfo()).resolves.toBeNull();
  });
});

describe('Premiere adapter: placeClip', () => {
  it('lands the clip at the playhead on V1, inside its shot bin, as one undo step', async () => {
    const { sim, adapter, at, clip } = setUp();
    sim.setPlayhead(at(50));
    const placed = await adapter.placeClip(clip('S1-03', 75));

    expect(placed).toEqual({
      trackIndex: 0,
      startTicks: at(50).toString(),
      endTicks: at(125).toString(),
      projectItemName: 'S1-03.mp4',
      binPath: 'Shotline/S1-03',
      undoName: 'Shotline: place S1-03',
    });
    const snap = sim.snapshot();
    expect(snap.videoTracks[0]).toEqual([
      {
        name: 'S1-03.mp4',
        mediaPath: '/out/S1-03.mp4',
        startTicks: at(50).toString(),
        endTicks: at(125).toString(),
      },
    ]);
    expect(snap.bins).toContainEqual({
      path: 'Shotline/S1-03',
      items: [{ name: 'S1-03.mp4', mediaPath: '/out/S1-03.mp4' }],
    });
    expect(snap.undoStack).toEqual([
      'Shotline: create bin Shotline',
      'Shotline: create bin Shotline/S1-03',
      'Shotline: place S1-03',
    ]);

    expect(sim.undo()).toBe('Shotline: place S1-03');
    expect(sim.snapshot().videoTracks[0]).toEqual([]);
    // The import is not part of the placement's undo step: the clip stays in the bin.
    expect(sim.snapshot().bins).toContainEqual({
      path: 'Shotline/S1-03',
      items: [{ name: 'S1-03.mp4', mediaPath: '/out/S1-03.mp4' }],
    });
  });

  it('places at an explicit start instead of the playhead', async () => {
    const { adapter, at, clip } = setUp();
    const placed = await adapter.placeClip(clip('S2-01', 10, { startTicks: at(200).toString() }));
    expect([placed.startTicks, placed.endTicks]).toEqual([at(200).toString(), at(210).toString()]);
  });

  it('puts a second clip over an occupied range on the next empty track', async () => {
    const { sim, adapter, at, clip } = setUp();
    await adapter.placeClip(clip('S1-01', 100));
    sim.setPlayhead(at(60));
    const second = await adapter.placeClip(clip('S1-02', 20));
    expect(second.trackIndex).toBe(1);
    const snap = sim.snapshot();
    expect(snap.videoTracks[0]?.map((c) => c.name)).toEqual(['S1-01.mp4']);
    expect(snap.videoTracks[1]?.map((c) => [c.startTicks, c.endTicks])).toEqual([
      [at(60).toString(), at(80).toString()],
    ]);
  });

  it('reuses a lower track when the clip fits in a gap there', async () => {
    const { sim, adapter, at, clip } = setUp();
    sim.addClip(0, { name: 'existing', startTicks: at(0), endTicks: at(50) });
    sim.setPlayhead(at(50));
    const placed = await adapter.placeClip(clip('S1-04', 25));
    expect(placed.trackIndex).toBe(0);
  });

  it('adds a track when every track is busy over the range', async () => {
    const { sim, adapter, at, clip } = setUp();
    for (const track of [0, 1, 2])
      sim.addClip(track, { name: `busy-${track}`, startTicks: at(0), endTicks: at(500) });
    const placed = await adapter.placeClip(clip('S3-01', 10));
    expect(placed.trackIndex).toBe(3);
    expect(sim.snapshot().videoTracks).toHaveLength(4);
    sim.undo();
    expect(sim.snapshot().videoTracks).toHaveLength(3);
  });

  it('finds the imported item even when the bin lists it late', async () => {
    const { sim, adapter, clip } = setUp(FPS_25, { importVisibilityDelay: 3 });
    const placed = await adapter.placeClip(clip('S1-05', 12));
    expect(placed.projectItemName).toBe('S1-05.mp4');
    expect(sim.snapshot().videoTracks[0]).toHaveLength(1);
  });

  it('reuses the bin item when the same take is placed twice', async () => {
    const { sim, adapter, at, clip } = setUp();
    await adapter.placeClip(clip('S1-06', 10));
    await adapter.placeClip(clip('S1-06', 10, { startTicks: at(100).toString() }));
    const bin = sim.snapshot().bins.find((b) => b.path === 'Shotline/S1-06');
    expect(bin?.items).toHaveLength(1);
    expect(sim.snapshot().undoStack.filter((name) => name.startsWith('Shotline: create bin'))).toHaveLength(
      2,
    );
  });

  it('fails in plain words when the file cannot be imported', async () => {
    const { sim, clip } = setUp();
    const { createPremiereAdapter } = await import('../../plugin/host/premiere/premiere-adapter');
    const noMedia = createPremiereAdapter(sim.api, { retry: { attempts: 1, delayMs: 0 } });
    const failure = noMedia.placeClip(clip('S9-99', 10));
    await expect(failure).rejects.toBeInstanceOf(HostError);
    await expect(failure).rejects.toThrow('Premiere could not import /out/S9-99.mp4');
    expect(sim.snapshot().videoTracks[0]).toEqual([]);
  });

  it('keeps 23.976 placements frame-exact', async () => {
    const { sim, adapter, at, clip } = setUp(FPS_23976);
    sim.setPlayhead(at(1001));
    const placed = await adapter.placeClip(clip('S4-01', 81));
    expect(BigInt(placed.endTicks) - BigInt(placed.startTicks)).toBe(81n * 10594584000n);
    expect(placed.startTicks).toBe((1001n * 10594584000n).toString());
  });
});
