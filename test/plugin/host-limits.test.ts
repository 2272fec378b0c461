// The simulated Premiere plays the real host's documented limits, and the adapter lives within them:
// the 25.6 API surface, cast() giving null, no track creation by overwrite, one undo entry per placement.
import { SimulatedPremiere } from '../../plugin/host/simulated';
import { hasMember, MEMBERS_SINCE } from '../../plugin/host/simulated/api-versions';
import { FPS_25, setUp } from './sim-fixture';

describe('simulated Premiere versions', () => {
  it('25.6 lacks Transcript.hasTranscript (since 26.3); 26.3 has it', () => {
    expect(new SimulatedPremiere({ version: '25.6' }).api.Transcript.hasTranscript).toBeUndefined();
    expect(typeof new SimulatedPremiere({ version: '26.3' }).api.Transcript.hasTranscript).toBe('function');
    expect(MEMBERS_SINCE['Transcript.hasTranscript']).toBe('26.3');
    expect(hasMember('26.2', 'Transcript.hasTranscript')).toBe(false);
  });

  it('25.6 lets Actions be made outside lockedAccess; 26.3 refuses', () => {
    for (const [version, throws] of [
      ['25.6', false],
      ['26.3', true],
    ] as const) {
      const { sim } = setUp(FPS_25, { version });
      const make = () => sim.project.root.createBinAction('x', false);
      if (throws) expect(make).toThrow('inside project.lockedAccess');
      else expect(make).not.toThrow();
    }
  });

  it('reads a transcript on 25.6 by exporting it, without calling what 25.6 lacks', async () => {
    const { sim, adapter, at } = setUp(FPS_25, { version: '25.6' });
    sim.addClip(0, { name: 'talk', startTicks: at(0), endTicks: at(100), mediaPath: '/m/talk.mov' });
    sim.selectClip(0, 'talk');
    await expect(adapter.getSelectedClipTranscript()).rejects.toThrow(
      '"talk" has no transcript: transcribe it in the Text panel first.',
    );
    sim.setTranscript('/m/talk.mov', [{ text: 'Hello there', start: 0, duration: 1 }]);
    const lines = await adapter.getSelectedClipTranscript();
    expect(lines.map((l) => l.text)).toEqual(['Hello there']);
  });
});

describe('cast() gives null for items of another kind', () => {
  it('ClipProjectItem.cast of a sequence item is null, not a wrapper or an error', () => {
    const sim = new SimulatedPremiere();
    sim.addOtherItem('Nested cut');
    const item = sim.project.root.children[0];
    expect(item && sim.api.ClipProjectItem.cast(item)).toBeNull();
    expect(item && sim.api.FolderItem.cast(item)).toBeNull();
  });

  it('a sequence in a Shotline bin neither breaks placing again nor listing takes', async () => {
    const { sim, adapter, clip, at } = setUp();
    await adapter.placeClip(clip('S1-01', 10, { scene: 'INT. LAB - DAY' }));
    sim.addOtherItem('Editor nest', ['Shotline', 'INT. LAB - DAY', 'S1-01']);
    const again = await adapter.placeClip(
      clip('S1-01', 10, { scene: 'INT. LAB - DAY', startTicks: at(50).toString() }),
    );
    expect(again.startTicks).toBe(at(50).toString());
    const takes = await adapter.listTakes({ scene: 'INT. LAB - DAY', shotId: 'S1-01' });
    expect(takes.map((t) => t.name)).toEqual(['S1-01.mp4']);
  });
});

describe('tracks: only an insert creates one', () => {
  it('the simulated overwrite past the last track adds no track and places nothing', () => {
    const { sim } = setUp();
    sim.registerMedia('/m/a.mp4', { frames: 10, fps: FPS_25 });
    void sim.project.importFiles(['/m/a.mp4'], true, null, false);
    const item = sim.project.root.children.at(-1);
    const sequence = sim.project.activeSequence;
    if (!item || !sequence) throw new Error('setup');
    const editor = sim.api.SequenceEditor.getEditor(sequence);
    let ok = false;
    sim.project.lockedAccess(() => {
      const action = editor.createOverwriteItemAction(item, sim.api.TickTime.createWithTicks('0'), 3, 0);
      ok = sim.project.executeTransaction((c) => c.addAction(action), 'overwrite');
    });
    expect(ok).toBe(true);
    expect(sim.snapshot().videoTracks).toHaveLength(3);
    expect(sim.snapshot().videoTracks.flat()).toEqual([]);
  });

  it('with every track busy the clip goes onto a new track, made the documented way, and reads back', async () => {
    const { sim, adapter, at, clip } = setUp();
    for (const track of [0, 1, 2])
      sim.addClip(track, { name: `busy-${track}`, startTicks: at(0), endTicks: at(90) });
    sim.setPlayhead(at(30));
    const placed = await adapter.placeClip(clip('S4-01', 10));
    expect(placed.trackIndex).toBe(3);
    const snap = sim.snapshot();
    expect(snap.videoTracks).toHaveLength(4);
    // Nothing on the busy tracks moved: the insert only shifted its own new, empty track.
    expect(snap.videoTracks.slice(0, 3).map((t) => t.map((c) => c.endTicks))).toEqual([
      [at(90).toString()],
      [at(90).toString()],
      [at(90).toString()],
    ]);
    expect(snap.videoTracks[3]?.map((c) => c.startTicks)).toEqual([at(30).toString()]);
  });

  it('a placement the timeline does not show is reported as failed, never as placed', async () => {
    const { adapter, clip } = setUp();
    // Track 6 of 3: Premiere makes the new track at index 3, so nothing is where the panel asked.
    await expect(
      adapter.placeClip(clip('S5-01', 10, { track: { kind: 'index', index: 5 } })),
    ).rejects.toMatchObject({
      code: 'CLIPS_NOT_ON_TIMELINE',
      message:
        'Premiere did not put "S5-01" (V6) on the timeline; undo "Shotline: place S5-01" and place again.',
      params: { names: '"S5-01" (V6)', undo: 'Shotline: place S5-01' },
    });
  });
});

describe('undo entries per user action', () => {
  const scenes = ['EXT. ROOF - NIGHT', 'INT. LAB - DAY'];
  const batch = (clip: ReturnType<typeof setUp>['clip'], take: number) =>
    ['S1-01', 'S1-02', 'S2-01', 'S2-02'].map((shotId, i) =>
      clip(shotId, 5, {
        path: `/out/${shotId}-t${take}.mp4`,
        name: `${shotId} take ${take}`,
        scene: scenes[i < 2 ? 0 : 1] as string,
      }),
    );

  it('Place all into a fresh project: one placement entry and one bin entry per new level, not per shot', async () => {
    const { sim, adapter, clip } = setUp();
    await adapter.placeClips(batch(clip, 1));
    const stack = sim.snapshot().undoStack;
    expect(stack.filter((n) => n.startsWith('Shotline: place'))).toEqual([
      'Shotline: place S1-01 take 1, S1-02 take 1, S2-01 take 1 and 1 more',
    ]);
    // Shotline, then both scenes, then all four shot bins: three levels, three entries.
    expect(stack.filter((n) => n.startsWith('Shotline: make bins'))).toHaveLength(3);
    expect(sim.undoCount).toBe(4);
  });

  it('a new scene costs 3 entries (scene and shot bins, placement), a new shot of a known scene 2', async () => {
    const { sim, adapter, clip } = setUp();
    await adapter.placeClips(batch(clip, 1));
    let before = sim.undoCount;
    await adapter.placeClip(clip('S3-01', 5, { path: '/out/S3-01.mp4', scene: 'EXT. PIER - DAWN' }));
    expect(sim.undoCount - before).toBe(3);
    before = sim.undoCount;
    await adapter.placeClip(clip('S3-02', 5, { path: '/out/S3-02.mp4', scene: 'EXT. PIER - DAWN' }));
    expect(sim.undoCount - before).toBe(2);
    expect(sim.snapshot().undoStack.slice(-2)).toEqual([
      'Shotline: make bins for S3-02',
      'Shotline: place S3-02',
    ]);
  });

  it('once the bins exist, a Place all is exactly one undo entry, and one undo takes it all back', async () => {
    const { sim, adapter, clip } = setUp();
    await adapter.placeClips(batch(clip, 1));
    const before = sim.undoCount;
    const clipsBefore = sim.snapshot().videoTracks.flat().length;
    await adapter.placeClips(batch(clip, 2));
    expect(sim.undoCount - before).toBe(1);
    expect(sim.snapshot().videoTracks.flat().length).toBe(clipsBefore + 4);
    sim.undo();
    expect(sim.snapshot().videoTracks.flat().length).toBe(clipsBefore);
  });
});

describe('after an undo in Premiere', () => {
  it('stillPlaced tells which placed clips the timeline still shows', async () => {
    const { sim, adapter, clip, at } = setUp();
    const first = await adapter.placeClip(clip('S6-01', 10));
    const second = await adapter.placeClip(clip('S6-02', 10, { startTicks: at(40).toString() }));
    expect(await adapter.stillPlaced?.([first, second])).toEqual([true, true]);
    sim.undo();
    expect(await adapter.stillPlaced?.([first, second])).toEqual([true, false]);
  });
});
