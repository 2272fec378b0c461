// Script lines from the timeline (markers, transcripts) and gaps, read through the adapter on the simulated host.
import { HostError } from '../../plugin/host/host-adapter';
import { FPS_23976, FPS_25, setUp } from './sim-fixture';

describe('getMarkers', () => {
  it('returns sequence markers as plain data in time order, with durations', async () => {
    const { sim, adapter, at } = setUp(FPS_25);
    sim.addMarker({
      name: 'Car arrives',
      comments: 'EXT. ROAD - NIGHT',
      startTicks: at(250),
      durationTicks: at(48),
    });
    sim.addMarker({ name: 'Rain starts', startTicks: at(100), colorIndex: 3 });
    expect(await adapter.getMarkers()).toEqual([
      {
        name: 'Rain starts',
        comments: '',
        startTicks: at(100).toString(),
        durationTicks: '0',
        colorIndex: 3,
      },
      {
        name: 'Car arrives',
        comments: 'EXT. ROAD - NIGHT',
        startTicks: at(250).toString(),
        durationTicks: at(48).toString(),
        colorIndex: 0,
      },
    ]);
  });

  it('keeps only markers starting inside [in, out)', async () => {
    const { sim, adapter, at } = setUp(FPS_25);
    for (const frame of [0, 99, 100, 150, 199, 200])
      sim.addMarker({ name: `m${frame}`, startTicks: at(frame) });
    const inRange = await adapter.getMarkers({ inTicks: at(100).toString(), outTicks: at(200).toString() });
    expect(inRange.map((m) => m.name)).toEqual(['m100', 'm150', 'm199']);
    const fromIn = await adapter.getMarkers({ inTicks: at(150).toString() });
    expect(fromIn.map((m) => m.name)).toEqual(['m150', 'm199', 'm200']);
  });

  it('is empty for a sequence without markers', async () => {
    const { adapter } = setUp();
    await expect(adapter.getMarkers()).resolves.toEqual([]);
  });
});

describe('getSelectedClipTranscript', () => {
  function withInterview() {
    const fixture = setUp(FPS_23976);
    const { sim, at } = fixture;
    sim.addClip(1, {
      name: 'interview',
      startTicks: at(240),
      endTicks: at(480),
      mediaPath: '/media/interview.mov',
    });
    sim.setTranscript('/media/interview.mov', [
      { text: 'We drove all night .', start: 0.5, duration: 2, speaker: 'Mara' },
      { text: 'The rain never stopped', start: 4, duration: 3, speaker: 'Jon' },
      { text: 'long after the cut', start: 20, duration: 2, speaker: 'Jon' },
    ]);
    return fixture;
  }

  it('maps each segment to sequence time with its text and speaker', async () => {
    const { sim, adapter, at } = withInterview();
    sim.selectClip(1, 'interview');
    const lines = await adapter.getSelectedClipTranscript();
    const seconds = (s: number) => BigInt(Math.round(s * 254016000000));
    expect(lines).toEqual([
      {
        text: 'We drove all night.',
        startTicks: (at(240) + seconds(0.5)).toString(),
        endTicks: (at(240) + seconds(2.5)).toString(),
        speaker: 'Mara',
      },
      {
        text: 'The rain never stopped',
        startTicks: (at(240) + seconds(4)).toString(),
        endTicks: (at(240) + seconds(7)).toString(),
        speaker: 'Jon',
      },
    ]);
    // 20 s into the media is past the clip's end (240 frames ≈ 10 s): not on the timeline, not a line.
  });

  it('fails in words when nothing is selected or the clip has no transcript', async () => {
    const { sim, adapter, at } = withInterview();
    await expect(adapter.getSelectedClipTranscript()).rejects.toThrow('Select a transcribed clip');
    sim.addClip(0, { name: 'broll', startTicks: at(0), endTicks: at(24) });
    sim.selectClip(0, 'broll');
    const failure = adapter.getSelectedClipTranscript();
    await expect(failure).rejects.toBeInstanceOf(HostError);
    await expect(failure).rejects.toThrow('"broll" has no transcript');
  });
});

describe('findGaps', () => {
  it('lists the holes between clips and up to the sequence end, with whole frames', async () => {
    const { sim, adapter, at } = setUp(FPS_25);
    sim.addClip(0, { name: 'a', startTicks: at(10), endTicks: at(50) });
    sim.addClip(0, { name: 'b', startTicks: at(87), endTicks: at(100) });
    sim.addClip(1, { name: 'long', startTicks: at(0), endTicks: at(300) });
    expect(await adapter.findGaps(0)).toEqual([
      { trackIndex: 0, startTicks: '0', endTicks: at(10).toString(), frames: 10 },
      { trackIndex: 0, startTicks: at(50).toString(), endTicks: at(87).toString(), frames: 37 },
      { trackIndex: 0, startTicks: at(100).toString(), endTicks: at(300).toString(), frames: 200 },
    ]);
    expect(await adapter.findGaps(1)).toEqual([]);
  });

  it('cuts gaps to the in/out range and reports sub-frame holes with 0 frames', async () => {
    const { sim, adapter, at } = setUp(FPS_25);
    sim.addClip(0, { name: 'a', startTicks: at(0), endTicks: at(20) });
    sim.addClip(0, { name: 'b', startTicks: at(20) + 1000n, endTicks: at(40) });
    sim.addClip(0, { name: 'c', startTicks: at(60), endTicks: at(80) });
    const gaps = await adapter.findGaps(0, { inTicks: at(10).toString(), outTicks: at(70).toString() });
    expect(gaps).toEqual([
      { trackIndex: 0, startTicks: at(20).toString(), endTicks: (at(20) + 1000n).toString(), frames: 0 },
      { trackIndex: 0, startTicks: at(40).toString(), endTicks: at(60).toString(), frames: 20 },
    ]);
  });

  it('refuses a track the sequence does not have', async () => {
    const { adapter } = setUp();
    await expect(adapter.findGaps(7)).rejects.toThrow('The sequence has no video track 8 (it has 3).');
  });
});
