// Chain scene: shots of one continuous scene in order, each on the previous take's last frame; a failure stops it.
import type { JobRow } from '../../plugin/ui/jobs-state';
import {
  chainShots,
  followJobs,
  markSent,
  refuseRequest,
  startChain,
  stopChain,
} from '../../plugin/ui/scene-chain';
import { doneJob, FPS_23976 } from './sim-fixture';

const size = { width: 1280, height: 720 };
const running = (shotId: string, jobId: string, fraction: number): JobRow => ({
  jobId,
  shotId,
  take: 1,
  status: 'running',
  progress: { phase: 'generating', step: 1, total: 2, fraction, etaSeconds: null },
});

test('each shot waits for the one before and starts on its last frame; an older take is never taken for it', () => {
  const older = doneJob('S1-01', 1, 48, FPS_23976, size);
  let chain = markSent(startChain('INT. LAB - NIGHT', ['S1-01', 'S1-02', 'S1-03']), 0, [older]);
  // Only the older take of S1-01 is there yet: the chain waits for the new one.
  expect(followJobs(chain, [older]).step).toEqual({ kind: 'wait' });

  let next = followJobs(chain, [older, running('S1-01', 'job_new1', 0.4)]);
  expect(next.step).toEqual({ kind: 'wait' });
  expect(next.chain.links[0]).toEqual({
    shotId: 'S1-01',
    state: 'running',
    jobId: 'job_new1',
    fraction: 0.4,
  });
  expect(next.chain.links.slice(1).map((l) => l.state)).toEqual(['waiting', 'waiting']);

  const first = { ...doneJob('S1-01', 2, 61, FPS_23976, size), jobId: 'job_new1' };
  next = followJobs(next.chain, [older, first]);
  // Frame 60 of 61 at 24000/1001: 60 × 1001 / 24000 s.
  expect(next.step).toEqual({
    kind: 'send',
    index: 1,
    startImage: { kind: 'frame', path: first.output!.path, time: { num: 60 * 1001, den: 24000 } },
  });
  chain = markSent(next.chain, 1, [older, first]);
  expect(chain.links.map((l) => l.state)).toEqual(['done', 'sent', 'waiting']);

  const second = doneJob('S1-02', 1, 24, FPS_23976, size);
  next = followJobs(chain, [older, first, second]);
  expect(next.step).toMatchObject({ kind: 'send', index: 2, startImage: { path: second.output!.path } });
  chain = markSent(next.chain, 2, [older, first, second]);
  const third = doneJob('S1-03', 1, 24, FPS_23976, size);
  next = followJobs(chain, [older, first, second, third]);
  expect(next.step).toEqual({ kind: 'finished' });
  expect(next.chain.links.map((l) => l.state)).toEqual(['done', 'done', 'done']);
});

test('a failed take stops the chain at its shot, with the reason; the shots after it are not run', () => {
  const first = doneJob('S2-01', 1, 24, FPS_23976, size);
  let chain = markSent(startChain('EXT. ROOF', ['S2-01', 'S2-02', 'S2-03']), 0, []);
  const sent = followJobs(chain, [first]);
  chain = markSent(sent.chain, 1, [first]);
  const failed: JobRow = {
    jobId: 'job_f',
    shotId: 'S2-02',
    take: 1,
    status: 'failed',
    error: { code: 'BACKEND_FAILED', message: 'The GPU ran out of memory.' },
  };
  const next = followJobs(chain, [first, failed]);
  expect(next.step).toEqual({ kind: 'stopped' });
  expect(next.chain.links.map((l) => l.state)).toEqual(['done', 'failed', 'skipped']);
  expect(next.chain.stopped?.shotId).toBe('S2-02');
  expect(next.chain.stopped?.reason).toContain('The GPU ran out of memory.');
  // Stopped stays stopped, whatever arrives later.
  expect(followJobs(next.chain, [first, failed, doneJob('S2-03', 1, 24, FPS_23976, size)]).step).toEqual({
    kind: 'stopped',
  });
});

test('a cancelled take stops it too, and the panel can stop it by hand', () => {
  let chain = markSent(startChain('S', ['A', 'B']), 0, []);
  const cancelled: JobRow = { jobId: 'j', shotId: 'A', take: 1, status: 'cancelled' };
  expect(followJobs(chain, [cancelled]).chain.stopped).toEqual({
    shotId: 'A',
    reason: 'the take was cancelled',
  });
  chain = stopChain(chain, 0, 'stopped from the panel');
  expect(chain.links.map((l) => l.state)).toEqual(['failed', 'skipped']);
});

test('a shot the companion refuses outright (no job is ever made) stops the chain at it, not another request', () => {
  const chain = markSent(startChain('S', ['A', 'B', 'C']), 0, [], 'req_7');
  // Another request's refusal (a preflight, a second panel action) leaves the chain waiting.
  expect(refuseRequest(chain, 'req_6', 'queue full')).toBe(chain);
  const refused = refuseRequest(chain, 'req_7', 'the queue is full');
  expect(refused.stopped).toEqual({ shotId: 'A', reason: 'the queue is full' });
  expect(refused.links.map((l) => l.state)).toEqual(['failed', 'skipped', 'skipped']);
  expect(followJobs(refused, []).step).toEqual({ kind: 'stopped' });
  // Once a take is running the request was accepted: a late refusal naming it changes nothing.
  const running = followJobs(chain, [{ jobId: 'j1', shotId: 'A', take: 1, status: 'running' }]).chain;
  expect(refuseRequest(running, 'req_7', 'late')).toBe(running);
});

test('the chain is the selected shots of the first selected shot’s scene, in order; one shot is not a chain', () => {
  const line = (shotId: string, sceneHeading: string) => ({ shot: { shotId, sceneHeading } });
  const picked = chainShots([
    line('S1-02', 'INT. LAB'),
    line('S2-01', 'EXT. ROOF'),
    line('S1-04', 'INT. LAB'),
  ]);
  expect(picked).toMatchObject({ ok: true, scene: 'INT. LAB' });
  expect(picked.ok && picked.shots.map((s) => s.shot.shotId)).toEqual(['S1-02', 'S1-04']);
  expect(chainShots([line('S2-01', 'EXT. ROOF')])).toEqual({
    ok: false,
    message: 'Chain scene needs at least two selected shots of "EXT. ROOF".',
  });
  expect(chainShots([])).toMatchObject({ ok: false, message: expect.stringContaining('continuous scene') });
});
