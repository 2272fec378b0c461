// The panel tells the companion how placing each finished job went, and the companion's log ends the job's
// timeline with it: the panel's own client, a real companion on loopback, the log lines read back.
import WebSocket from 'ws';
import type { ToClientMessage } from '../../shared/protocol';
import { CompanionClient, type SocketLike } from '../../plugin/connection/companion-client';
import { PlacementReports, placementReport } from '../../plugin/ui/placement-report';
import type { JobLog } from '../../companion/queue/job-timeline';
import { startCompanion, type RunningCompanion } from '../support/companion-harness';

interface Line {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

describe('placement reports', () => {
  const lines: Line[] = [];
  const log: JobLog = {
    info: (fields, message) => lines.push({ level: 'info', message, fields: { ...fields } }),
    warn: (fields, message) => lines.push({ level: 'warn', message, fields: { ...fields } }),
  };
  let running: RunningCompanion;
  let client: CompanionClient;
  const received: ToClientMessage[] = [];
  beforeAll(async () => {
    running = await startCompanion({ jobLog: log });
    client = new CompanionClient({
      url: running.url,
      token: running.token,
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      maxAttempts: 1,
    });
    const connected = new Promise<void>((resolve) =>
      client.on('state', (s) => s.status === 'connected' && resolve()),
    );
    client.on('message', (m) => received.push(m));
    client.connect();
    await connected;
  });
  afterAll(async () => {
    client.close();
    await running.stop();
  });

  const until = async (test: () => boolean) => {
    for (let i = 0; i < 500 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(test()).toBe(true);
  };

  const finishedJob = async (shotId: string): Promise<string> => {
    client.generate([
      {
        shotId,
        prompt: 'A van in the rain.',
        duration: { frames: 2 },
        fps: { num: 24, den: 1 },
        size: { width: 64, height: 36 },
        backend: 'slate',
      },
    ]);
    await until(() => received.some((m) => m.type === 'job.done' && m.shotId === shotId));
    const done = received.find((m) => m.type === 'job.done' && m.shotId === shotId);
    return done?.type === 'job.done' ? done.jobId : '';
  };

  test('only placement outcomes are reported, reasons cut to the protocol limit', () => {
    expect(placementReport({ type: 'placing', jobId: 'job_abcdefgh' })).toBeUndefined();
    expect(placementReport({ type: 'unplaced', jobId: 'job_abcdefgh' })).toBeUndefined();
    expect(
      placementReport({ type: 'place-failed', jobId: 'job_abcdefgh', message: 'x'.repeat(600) }),
    ).toEqual({
      jobId: 'job_abcdefgh',
      placed: false,
      message: 'x'.repeat(500),
    });
  });

  test('the outcomes of one tick go out together, split only past 500', async () => {
    const sent: number[] = [];
    const reports = new PlacementReports((placements) => sent.push(placements.length));
    reports.add({ type: 'placing', jobId: 'job_abcdefgh' });
    for (let i = 0; i < 1200; i++)
      reports.add({ type: 'place-failed', jobId: `job_${i}abcdef`, message: 'no' });
    expect(sent).toEqual([]);
    await Promise.resolve();
    expect(sent).toEqual([500, 500, 200]);
    reports.add({ type: 'unplaced', jobId: 'job_abcdefgh' });
    await Promise.resolve();
    expect(sent).toHaveLength(3);
  });

  test('a placed clip ends its timeline with "placed", a failed one with "place-failed" and the reason', async () => {
    const placed = await finishedJob('S1-01');
    const failed = await finishedJob('S1-02');
    const reports = new PlacementReports((placements) => client.reportPlacements(placements));
    const report = (action: Parameters<typeof placementReport>[0]) => reports.add(action);
    const clip = {
      trackIndex: 0,
      startTicks: '0',
      endTicks: '21168000000',
      projectItemName: 'S1-01_take1.mp4',
      binPath: 'Shotline/S1-01',
      undoName: 'Shotline: place S1-01 take 1',
    };
    report({ type: 'placed', jobId: placed, clip });
    report({ type: 'place-failed', jobId: failed, message: 'Track V3 is locked.' });
    const last = (job: string) => lines.filter((l) => l.fields.job === job).at(-1);
    await until(() => last(failed)?.fields.phase === 'place-failed');
    expect(last(placed)).toMatchObject({
      level: 'info',
      message: 'clip placed on the timeline',
      fields: { phase: 'placed', backend: 'slate' },
    });
    expect(last(failed)).toMatchObject({
      level: 'warn',
      message: 'Track V3 is locked.',
      fields: { phase: 'place-failed' },
    });
    expect(last(failed)?.fields.totalMs).toEqual(expect.any(Number));
  });
});
