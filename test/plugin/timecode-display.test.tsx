// The panel reads time as Premiere's Timeline shows it: a sequence's start timecode and drop-frame counting.
import { renderToString as renderRaw } from 'react-dom/server';
import type { ReactElement } from 'react';
import { framesToTicks } from '../../shared/timecode';
import { readHarnessParams } from '../../plugin/harness/query-params';
import { SimTimeline } from '../../plugin/harness/SimTimeline';
import { createHostSetup } from '../../plugin/host/create-host-adapter';
import { readTimecodeStyle } from '../../plugin/host/premiere/time-display';
import type { SequenceApi } from '../../plugin/host/premiere/premiere-api';
import { JobList } from '../../plugin/ui/JobList';
import { gapRange, gapRows, planGaps } from '../../plugin/ui/gap-fill';
import { setUp } from './sim-fixture';

const renderToString = (element: ReactElement) => renderRaw(element).replaceAll('<!-- -->', '');
const FPS_2997 = { num: 30000, den: 1001 };
const FPS_5994 = { num: 60000, den: 1001 };

function broadcastCut(startTimecode: string, rate = FPS_2997) {
  const fixture = setUp(rate);
  fixture.sim.addSequence({
    name: 'Broadcast',
    frameSize: { width: 1920, height: 1080 },
    frameRate: rate,
    startTimecode,
  });
  return fixture;
}

describe('a 29.97 drop-frame sequence starting at 01:00:00;00', () => {
  it('reports its start and counting from getZeroPoint and getVideoDisplayFormat', async () => {
    const { adapter } = broadcastCut('01:00:00;00');
    const info = await adapter.getSequenceInfo();
    expect(info?.timecode).toEqual({ startFrame: 107892, dropFrame: true });
  });

  it('lists gaps at the timecodes Premiere shows, and reads typed timecodes the same way', async () => {
    const { sim, adapter, at } = broadcastCut('01:00:00;00');
    // Clips over 0–1800 and from 1830 (one minute in, then a 30-frame hole): the gap starts at 01:01:00;02.
    sim.addClip(0, { name: 'a', startTicks: at(0), endTicks: at(1800) });
    sim.addClip(0, { name: 'b', startTicks: at(1830), endTicks: at(17982) });
    const info = (await adapter.getSequenceInfo())!;
    const gaps = await adapter.findGaps(0);
    const rows = gapRows(planGaps(gaps, FPS_2997, 5, false), FPS_2997, info.timecode);
    expect(rows.map((r) => [r.startTimecode, r.frames, r.lengthTimecode])).toEqual([
      ['01:01:00;02', 30, '00:00:01;00'],
    ]);
    expect(gapRange('01:01:00;02', '01:10:00;00', FPS_2997, info.timecode)).toEqual({
      ok: true,
      range: { inTicks: at(1800).toString(), outTicks: at(17982).toString() },
    });
    expect(gapRange('01:01:00;00', '', FPS_2997, info.timecode)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^In "01:01:00;00" does not exist in drop-frame counting/),
    });
    expect(gapRange('00:59:50;00', '', FPS_2997, info.timecode)).toEqual({
      ok: false,
      message: 'In 00:59:50;00 is before the sequence starts at 01:00:00;00.',
    });
  });

  it('shows a placement at the playhead in the job list and on the simulated Timeline alike', async () => {
    const { sim, adapter, at, clip } = broadcastCut('01:00:00;00');
    sim.setPlayhead(at(17982));
    const placed = await adapter.placeClip(clip('S1', 45));
    const info = (await adapter.getSequenceInfo())!;
    const noop = () => undefined;
    const jobs = renderToString(
      <JobList
        jobs={[
          {
            jobId: 'j1',
            shotId: 'S1',
            take: 1,
            status: 'done',
            seed: 1,
            placement: {
              state: 'placed',
              clip: { ...placed, projectItemName: 'S1.mp4', binPath: 'b', undoName: 'u' },
            },
          },
        ]}
        lineText={() => undefined}
        onPlace={noop}
        onPlaceAll={noop}
        onCancel={noop}
        onPromote={noop}
        sequence={info}
      />,
    );
    expect(jobs).toContain('Placed on V1 at 01:10:00;00');
    const timeline = renderToString(<SimTimeline sim={sim} />);
    expect(timeline).toContain('playhead 01:10:00;00');
    expect(timeline).toContain('01:10:00;00 – 01:10:01;15');
  });
});

describe('other starts and display formats', () => {
  it('59.94 drop-frame skips four labels a minute; non-drop 29.97 counts straight', async () => {
    const df = broadcastCut('00:00:00;00', FPS_5994);
    df.sim.setPlayhead(framesToTicks(3600, FPS_5994));
    expect(renderToString(<SimTimeline sim={df.sim} />)).toContain('playhead 00:01:00;04');
    const ndf = broadcastCut('10:00:00:00');
    ndf.sim.setPlayhead(ndf.at(1800));
    expect((await ndf.adapter.getSequenceInfo())?.timecode).toEqual({
      startFrame: 1_080_000,
      dropFrame: false,
    });
    expect(renderToString(<SimTimeline sim={ndf.sim} />)).toContain('playhead 10:01:00:00');
  });

  it('the browser harness takes the start timecode from its query (?fps=29.97&tc=01:00:00;00)', async () => {
    const params = readHarnessParams('?fps=29.97&tc=01:00:00%3B00');
    expect(params.startTimecode).toBe('01:00:00;00');
    const setup = createHostSetup({ frameRate: params.frameRate!, startTimecode: params.startTimecode! });
    expect((await setup.adapter.getSequenceInfo())?.timecode).toEqual({
      startFrame: 107892,
      dropFrame: true,
    });
  });

  it('a Premiere without the newer calls shows time from 00:00:00:00 non-drop', async () => {
    const bare = { getTimebase: async () => '8475667200' } as unknown as SequenceApi;
    await expect(readTimecodeStyle(bare, FPS_2997)).resolves.toEqual({ startFrame: 0, dropFrame: false });
  });
});
