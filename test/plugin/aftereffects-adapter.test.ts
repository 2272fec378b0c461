// The After Effects adapter on a simulated AE: layers at the comp's current time, folders, one undo group.
import { createAfterEffectsAdapter } from '../../plugin/host/aftereffects/ae-adapter';
import { SimulatedAfterEffects } from '../../plugin/host/aftereffects/simulated-ae';
import { HostError } from '../../plugin/host/host-adapter';
import { framesToTicks } from '../../shared/timecode';

const NTSC = { num: 24000, den: 1001 };

function setUp() {
  const ae = new SimulatedAfterEffects();
  const comp = ae.addComp('Previz', 1920, 1080, 24000 / 1001, 60);
  const adapter = createAfterEffectsAdapter(ae, 'Simulated After Effects');
  const clip = (shotId: string, frames: number) => {
    const path = `/out/${shotId}.mov`;
    ae.registerMedia(path, { duration: (frames * 1001) / 24000, frameRate: 24000 / 1001 });
    return { path, shotId, name: shotId, frames, fps: NTSC, scene: 'EXT. ROOF' };
  };
  return { ae, comp, adapter, clip };
}

describe('After Effects adapter', () => {
  it('reads the active comp as the sequence, at its exact NTSC rate', async () => {
    const { comp, adapter } = setUp();
    comp.time = (48 * 1001) / 24000;
    await expect(adapter.getSequenceInfo()).resolves.toEqual({
      name: 'Previz',
      frameSize: { width: 1920, height: 1080 },
      frameRate: NTSC,
      playheadTicks: framesToTicks(48, NTSC).toString(),
      durationTicks: framesToTicks(1439, NTSC).toString(),
      timecode: { startFrame: 0, dropFrame: false },
    });
  });

  it("adds the clip as a layer starting at the comp's current time, in its shot folder, as one undo group", async () => {
    const { ae, comp, adapter, clip } = setUp();
    comp.time = (100 * 1001) / 24000;
    const placed = await adapter.placeClip({
      ...clip('S1-01', 37),
      labels: { colorLabel: 11, provenance: { prompt: 'Drone at dawn', seed: 7 } },
    });
    expect(placed).toEqual({
      trackIndex: 0,
      startTicks: framesToTicks(100, NTSC).toString(),
      endTicks: framesToTicks(137, NTSC).toString(),
      projectItemName: 'S1-01.mov',
      binPath: 'Shotline/EXT. ROOF/S1-01',
      undoName: 'Shotline: place S1-01',
    });
    expect(comp.layers.list[0]?.startTime).toBeCloseTo((100 * 1001) / 24000, 9);
    expect(ae.undoGroups).toEqual(['Shotline: place S1-01']);
    expect(ae.folders()).toContainEqual({ path: 'Shotline/EXT. ROOF/S1-01', items: ['S1-01.mov'] });
  });

  it('places several clips in one undo group and closes the group when an import fails', async () => {
    const { ae, adapter, clip } = setUp();
    await adapter.placeClips([clip('S1', 10), clip('S2', 12)]);
    expect(ae.undoGroups).toEqual(['Shotline: place S1, S2']);
    const missing = { ...clip('S3', 5), path: '/out/missing.mov' };
    await expect(adapter.placeClip(missing)).rejects.toThrow("Can't import file");
    expect(ae.undoGroupOpen).toBe(false);
  });

  it('says plainly what After Effects cannot do yet', async () => {
    const { adapter } = setUp();
    const failure = adapter.findGaps(0);
    await expect(failure).rejects.toBeInstanceOf(HostError);
    await expect(failure).rejects.toThrow('Finding gaps is not available in After Effects yet');
  });
});
