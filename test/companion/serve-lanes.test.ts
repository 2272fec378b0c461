// `shotline serve` makes several slate clips at once (--slate-jobs), the same files as one at a time, and
// logs one pino line per job phase: its stderr reads as a timeline of the work.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShotRequestInput } from '../../shared/protocol';
import { startDaemon } from '../support/daemon-process';
import { TestPanel } from '../support/test-panel';

const SHOTS = 6;
const PHASES = ['queued', 'started', 'backend', 'conform', 'encode', 'committed', 'done'];
const LOCKED = 'Track V3 is locked.';

interface PhaseLine {
  job: string;
  phase: string;
  msg: string;
  time: number;
  ms?: number;
  [field: string]: unknown;
}

interface Served {
  /** sha256 of each clip, by shot id. */
  clips: Map<string, string>;
  lines: PhaseLine[];
  /** The reply to a placement report for a job that does not exist. */
  unknown: { code: string; message: string };
}

const shots: ShotRequestInput[] = Array.from({ length: SHOTS }, (_, i) => ({
  shotId: `S1-0${i + 1}`,
  prompt: `Shot ${i + 1}: Kai runs along the roof edge.`,
  sceneHeading: 'EXT. ROOF - NIGHT',
  duration: { frames: 12 },
  fps: { num: 24, den: 1 },
  // Wide enough for the slate's worker threads (tiny frames are drawn on the main thread).
  size: { width: 480, height: 270 },
  seed: 100 + i,
  backend: 'slate',
}));

async function serve(slateJobs: number): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shotline-lanes-'));
  const daemon = await startDaemon(dataDir, { SHOTLINE_LOG_LEVEL: 'info' }, [
    '--slate-jobs',
    String(slateJobs),
  ]);
  try {
    const panel = await TestPanel.connect(daemon.url);
    panel.send({ type: 'hello', token: daemon.token, client: { name: 'lanes', version: '0' } });
    await panel.waitFor('welcome');
    panel.send({ type: 'generate', id: 'g1', shots });
    const accepted = await panel.waitFor('accepted');
    const done = await Promise.all(
      accepted.jobs.map((j) => panel.waitFor('job.done', (m) => m.jobId === j.jobId, 60_000)),
    );
    // The panel's word on placing each clip ends its timeline; the last one "could not be placed".
    const last = shots.at(-1)!.shotId;
    panel.send({
      type: 'jobs.placed',
      placements: done.map((m) =>
        m.shotId === last
          ? { jobId: m.jobId, placed: false, message: LOCKED }
          : { jobId: m.jobId, placed: true },
      ),
    });
    // Jobs it knows are logged; the rest are named in one error.
    panel.send({
      type: 'jobs.placed',
      placements: [
        { jobId: 'job_nosuchjob00', placed: true },
        { jobId: 'job_nosuchjob01', placed: true },
      ],
    });
    const unknown = await panel.waitFor('error');
    panel.close();
    const clips = new Map(
      done.map((m) => [m.shotId, createHash('sha256').update(readFileSync(m.output.path)).digest('hex')]),
    );
    // The placement lines come after the replies the panel waited for: wait for the log to catch up.
    const lines = () =>
      daemon
        .stderr()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as PhaseLine)
        .filter((l) => typeof l.job === 'string');
    for (let i = 0; i < 50 && lines().filter((l) => l.phase.startsWith('place')).length < SHOTS; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { clips, lines: lines(), unknown: unknown.error };
  } finally {
    await daemon.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Most jobs that had started and not yet finished at any one time, read from the log. */
function mostInFlight(lines: PhaseLine[]): number {
  let now = 0;
  let most = 0;
  for (const line of lines) {
    if (line.phase === 'started') most = Math.max(most, ++now);
    if (line.phase === 'done' || line.phase === 'failed') now -= 1;
  }
  return most;
}

describe('serve --slate-jobs', () => {
  let serial: Served;
  let parallel: Served;
  beforeAll(async () => {
    serial = await serve(1);
    parallel = await serve(3);
  }, 120_000);

  test('three clips at once over the socket are byte for byte the clips of one at a time', () => {
    expect(mostInFlight(serial.lines)).toBe(1);
    expect(mostInFlight(parallel.lines)).toBe(3);
    expect(parallel.clips.size).toBe(SHOTS);
    expect([...parallel.clips].sort()).toEqual([...serial.clips].sort());
  });

  test('each job logs every phase once, in order, with its id and durations', () => {
    const byJob = new Map<string, PhaseLine[]>();
    for (const line of parallel.lines) byJob.set(line.job, [...(byJob.get(line.job) ?? []), line]);
    expect(byJob.size).toBe(SHOTS);
    for (const [job, lines] of byJob) {
      const last = lines.at(-1)!;
      const placed = last.phase === 'placed';
      expect([job, lines.map((l) => l.phase)]).toEqual([
        job,
        [...PHASES, placed ? 'placed' : 'place-failed'],
      ]);
      const at = (phase: string) => lines.find((l) => l.phase === phase)!;
      for (const phase of ['backend', 'encode', 'committed', 'done']) {
        expect([phase, typeof at(phase).ms]).toEqual([phase, 'number']);
      }
      expect(at('started').waitedMs).toEqual(expect.any(Number));
      expect(at('done').totalMs).toEqual(expect.any(Number));
      expect(at('backend').streamed).toBe(true);
      expect(at('conform')).toMatchObject({ source: '480x270@24/1', target: '480x270@24/1', fit: 'fit' });
      expect(at('encode')).toMatchObject({ frames: 12, codec: 'h264' });
      expect(at('queued')).toMatchObject({ backend: 'slate', take: 1, frames: 12 });
      expect(last.totalMs).toEqual(expect.any(Number));
      if (!placed) expect([at('queued').shot, last.msg]).toEqual([shots.at(-1)!.shotId, LOCKED]);
    }
    expect(parallel.lines.filter((l) => l.phase === 'place-failed')).toHaveLength(1);
  });

  test('a placement report for a job that is not there is refused with JOB_NOT_FOUND', () => {
    expect(parallel.unknown).toEqual({
      code: 'JOB_NOT_FOUND',
      message: 'No job job_nosuchjob00, job_nosuchjob01 on this companion.',
      params: { jobId: 'job_nosuchjob00, job_nosuchjob01' },
    });
  });
});
