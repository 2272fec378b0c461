// Takes in Shotline/<scene>/<shot> bins, promotion of a take, and AI-draft labels (colour, XMP, prompt marker).
import { provenanceNote, readLogComment, withProvenance } from '../../plugin/host/timeline/xmp';
import { FPS_25, setUp } from './sim-fixture';

const provenance = {
  prompt: 'A car <arrives> & stops in the rain',
  seed: 42,
  backend: 'slate',
  model: 'slate-v1',
};

describe('takes', () => {
  it('keeps every take of a shot in Shotline/<scene>/<shot> and lists them with their notes', async () => {
    const { sim, adapter, at, clip } = setUp(FPS_25);
    const scene = 'INT. LAB - NIGHT';
    await adapter.placeClip(clip('S1-03', 20, { path: '/out/S1-03_t1.mp4', scene, labels: { provenance } }));
    await adapter.placeClip(
      clip('S1-03', 20, { path: '/out/S1-03_t2.mp4', scene, startTicks: at(40).toString() }),
    );
    await adapter.placeClip(clip('S1-04', 20, { scene, startTicks: at(80).toString() }));
    const paths = sim.snapshot().bins.map((b) => b.path);
    expect(paths).toEqual(
      expect.arrayContaining(['Shotline', 'Shotline/INT. LAB - NIGHT', 'Shotline/INT. LAB - NIGHT/S1-03']),
    );
    const takes = await adapter.listTakes({ scene, shotId: 'S1-03' });
    expect(takes).toEqual([
      {
        name: 'S1-03_t1.mp4',
        mediaPath: '/out/S1-03_t1.mp4',
        note: 'AI draft (Shotline). Prompt: A car <arrives> & stops in the rain\nSeed: 42\nBackend: slate\nModel: slate-v1',
      },
      { name: 'S1-03_t2.mp4', mediaPath: '/out/S1-03_t2.mp4' },
    ]);
    await expect(adapter.listTakes({ scene, shotId: 'S9-99' })).resolves.toEqual([]);
  });

  it('promotes a take: the placed clip is replaced by that take over the same range, one undo step', async () => {
    const { sim, adapter, at, clip } = setUp(FPS_25);
    sim.addClip(0, { name: 'after', startTicks: at(30), endTicks: at(60) });
    const first = await adapter.placeClip(clip('S2-01', 30, { path: '/out/S2-01_t1.mp4', startTicks: '0' }));
    const target = {
      trackIndex: first.trackIndex,
      name: first.projectItemName,
      mediaPath: '/out/S2-01_t1.mp4',
      startTicks: first.startTicks,
      endTicks: first.endTicks,
    };
    const promoted = await adapter.replaceClip(
      target,
      clip('S2-01', 30, { path: '/out/S2-01_t3.mp4', name: 'S2-01 take 3' }),
    );
    expect([promoted.startTicks, promoted.endTicks]).toEqual([first.startTicks, first.endTicks]);
    expect(sim.snapshot().videoTracks[0]?.map((c) => [c.mediaPath, c.startTicks, c.endTicks])).toEqual([
      ['/out/S2-01_t3.mp4', '0', at(30).toString()],
      ['/sim/after', at(30).toString(), at(60).toString()],
    ]);
    expect(promoted.binPath).toBe('Shotline/S2-01');
    expect(sim.undo()).toBe('Shotline: replace S2-01_t1.mp4 with S2-01 take 3');
    expect(sim.snapshot().videoTracks[0]?.[0]?.mediaPath).toBe('/out/S2-01_t1.mp4');
  });
});

describe('AI draft labels', () => {
  it('sets the colour label, XMP description and log note, and a prompt marker in the placement undo step', async () => {
    const { sim, adapter, clip } = setUp(FPS_25);
    await adapter.placeClip(clip('S3-01', 48, { labels: { colorLabel: 5, provenance, promptMarker: true } }));
    const item = sim.snapshot().bins.find((b) => b.path === 'Shotline/S3-01')?.items[0];
    expect(item?.colorLabel).toBe(5);
    expect(item?.xmp).toContain(
      '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">A car &lt;arrives&gt; &amp; stops',
    );
    expect(readLogComment(item?.xmp ?? '')).toContain('Seed: 42');
    // The Project panel's own columns, as the simulated host's column schema shows them.
    expect(item?.columns).toEqual({ 'Log Note': provenanceNote(provenance), Description: provenance.prompt });
    expect(item?.markers).toEqual([
      {
        name: 'Shotline prompt',
        comments: provenance.prompt,
        startTicks: '0',
        durationTicks: ((48n * 254016000000n) / 25n).toString(),
      },
    ]);
    // Bins Shotline and Shotline/S3-01 (one entry per new level), then the placement with every label.
    expect(sim.undoCount).toBe(3);
    expect(sim.undo()).toBe('Shotline: place S3-01');
    const after = sim.snapshot().bins.find((b) => b.path === 'Shotline/S3-01')?.items[0];
    expect(after).toEqual({ name: 'S3-01.mp4', mediaPath: '/out/S3-01.mp4' });
  });

  it('a second placement rewrites the Project panel columns in place', async () => {
    const { sim, adapter, clip } = setUp(FPS_25);
    await adapter.placeClip(clip('S4-01', 10, { labels: { provenance } }));
    await adapter.placeClip(clip('S4-01', 10, { labels: { provenance: { prompt: 'again' } } }));
    const item = sim.snapshot().bins.find((b) => b.path === 'Shotline/S4-01')?.items[0];
    expect(item?.columns).toEqual({ 'Log Note': 'AI draft (Shotline). Prompt: again', Description: 'again' });
  });

  it('rewrites an existing XMP packet without duplicating Shotline properties or dropping others', () => {
    const packet =
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      '<rdf:Description rdf:about="" xmlns:xmpDM="http://ns.adobe.com/xmp/1.0/DynamicMedia/" xmpDM:logComment="old">' +
      '<xmpDM:scene>12</xmpDM:scene></rdf:Description></rdf:RDF></x:xmpmeta>';
    const once = withProvenance(packet, provenance);
    const twice = withProvenance(once, { prompt: 'second' });
    expect(twice.match(/logComment/g)).toHaveLength(2); // one open tag, one close tag
    expect(twice).toContain('<xmpDM:scene>12</xmpDM:scene>');
    expect(readLogComment(twice)).toBe('AI draft (Shotline). Prompt: second');
    expect(readLogComment(packet)).toBe('old');
  });

  it('a generated soundtrack is marked AI-generated in the log note, a silent clip says nothing of sound', () => {
    const base = {
      prompt: 'Rain on a tin roof',
      seed: 5,
      backend: 'dashscope',
      model: 'wan2.6-t2v@1280*720',
    };
    expect(provenanceNote({ ...base, generatedAudio: true })).toBe(
      'AI draft (Shotline). Prompt: Rain on a tin roof\nSeed: 5\nBackend: dashscope\nModel: wan2.6-t2v@1280*720\nSound: AI-generated by the model',
    );
    expect(provenanceNote(base)).not.toMatch(/Sound/);
  });
});
