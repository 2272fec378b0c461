// The simulated host keeps Premiere's documented rules, so code that breaks them fails in tests too.
import { SimulatedPremiere } from '../../plugin/host/simulated';
import { overwriteClips, rippleClips, type SimClipRecord } from '../../plugin/host/simulated/timeline';

function setUp() {
  const sim = new SimulatedPremiere();
  sim.addSequence({ name: 'Seq', frameSize: { width: 1280, height: 720 }, frameRate: { num: 24, den: 1 } });
  sim.registerMedia('/media/a.mp4', { frames: 24, fps: { num: 24, den: 1 } });
  return sim;
}

async function importedClip(sim: SimulatedPremiere) {
  const project = await sim.api.Project.getActiveProject();
  if (!project) throw new Error('no project');
  expect(await project.importFiles(['/media/a.mp4'], true, null, false)).toBe(true);
  const [item] = await (await project.getRootItem()).getItems();
  if (!item) throw new Error('no item');
  return { project, item };
}

describe('simulated Premiere', () => {
  it('throws when an action is created outside lockedAccess', async () => {
    const sim = setUp();
    const { project, item } = await importedClip(sim);
    const sequence = await project.getActiveSequence();
    if (!sequence) throw new Error('no sequence');
    const editor = sim.api.SequenceEditor.getEditor(sequence);
    const time = sim.api.TickTime.createWithTicks('0');
    expect(() => editor.createOverwriteItemAction(item, time, 0, 0)).toThrow(
      'SequenceEditor.createOverwriteItemAction: Actions must be created inside project.lockedAccess().',
    );
    const root = await project.getRootItem();
    expect(() => root.createBinAction('Shotline', false)).toThrow('inside project.lockedAccess()');
  });

  it('fails importFiles when the target bin is undefined rather than null', async () => {
    const sim = setUp();
    const project = await sim.api.Project.getActiveProject();
    await expect(project?.importFiles(['/media/a.mp4'], true, undefined, false)).resolves.toBe(false);
    expect(sim.snapshot().bins[0]?.items).toEqual([]);
    await expect(project?.importFiles(['/media/a.mp4'], true, null, false)).resolves.toBe(true);
    expect(sim.snapshot().bins[0]?.items).toEqual([{ name: 'a.mp4', mediaPath: '/media/a.mp4' }]);
  });

  it('refuses to import a file it has no length for', async () => {
    const sim = setUp();
    const project = await sim.api.Project.getActiveProject();
    await expect(project?.importFiles(['/media/unknown.mp4'], true, null, false)).resolves.toBe(false);
  });

  it('groups a transaction into one named undo entry and rejects a cast wrapper', async () => {
    const sim = setUp();
    const { project, item } = await importedClip(sim);
    const sequence = await project.getActiveSequence();
    if (!sequence) throw new Error('no sequence');
    const editor = sim.api.SequenceEditor.getEditor(sequence);
    const ok = (() => {
      let result = false;
      project.lockedAccess(() => {
        const a = editor.createOverwriteItemAction(item, sim.api.TickTime.createWithTicks('0'), 0, 0);
        const b = editor.createOverwriteItemAction(
          item,
          sim.api.TickTime.createWithTicks('254016000000'),
          1,
          0,
        );
        result = project.executeTransaction((compound) => {
          compound.addAction(a);
          compound.addAction(b);
        }, 'two clips');
      });
      return result;
    })();
    expect(ok).toBe(true);
    expect(sim.snapshot().undoStack).toEqual(['two clips']);
    expect(sim.snapshot().videoTracks.map((t) => t.length)).toEqual([1, 1, 0]);
    sim.undo();
    expect(sim.snapshot().videoTracks.map((t) => t.length)).toEqual([0, 0, 0]);

    const wrapper = sim.api.ClipProjectItem.cast(item) as unknown as typeof item;
    project.lockedAccess(() => {
      expect(() =>
        editor.createOverwriteItemAction(wrapper, sim.api.TickTime.createWithTicks('0'), 0, 0),
      ).toThrow('expects a clip ProjectItem');
    });
  });

  it('rejects an async lockedAccess callback', async () => {
    const sim = setUp();
    const project = await sim.api.Project.getActiveProject();
    expect(() => project?.lockedAccess(async () => undefined)).toThrow('must be synchronous');
  });
});

describe('overwriteClips', () => {
  const rec = (id: number, start: number, end: number): SimClipRecord => ({
    id,
    name: `c${id}`,
    mediaPath: `/m/${id}`,
    startTicks: BigInt(start),
    endTicks: BigInt(end),
    inTicks: 0n,
  });
  let next = 100;
  const nextId = () => next++;

  it('splits a clip that spans the new range and trims the ones at its edges', () => {
    const result = overwriteClips([rec(1, 0, 100)], rec(2, 40, 60), nextId);
    expect(result.map((c) => [c.name, c.startTicks, c.endTicks, c.inTicks])).toEqual([
      ['c1', 0n, 40n, 0n],
      ['c2', 40n, 60n, 0n],
      ['c1', 60n, 100n, 60n],
    ]);
  });

  it('removes covered clips and trims partial overlaps', () => {
    const result = overwriteClips([rec(1, 0, 30), rec(2, 30, 50), rec(3, 50, 90)], rec(4, 20, 60), nextId);
    expect(result.map((c) => [c.name, c.startTicks, c.endTicks])).toEqual([
      ['c1', 0n, 20n],
      ['c4', 20n, 60n],
      ['c3', 60n, 90n],
    ]);
  });
});

describe('rippleClips', () => {
  const rec = (id: number, start: number, end: number): SimClipRecord => ({
    id,
    name: `c${id}`,
    mediaPath: `/m/${id}`,
    startTicks: BigInt(start),
    endTicks: BigInt(end),
    inTicks: 0n,
  });

  it('moves later clips and splits the one spanning the insert point', () => {
    const result = rippleClips([rec(1, 0, 100), rec(2, 100, 150)], 40n, 25n, () => 9);
    expect(result.map((c) => [c.name, c.startTicks, c.endTicks, c.inTicks])).toEqual([
      ['c1', 0n, 40n, 0n],
      ['c1', 65n, 125n, 40n],
      ['c2', 125n, 175n, 0n],
    ]);
  });
});
