// "Place all": shots end to end in script order, takes stacked, scene bins, ONE undo entry; restored jobs stay out.
import { isBatchPlaceable } from '../../plugin/ui/JobList';
import { jobsReducer } from '../../plugin/ui/jobs-state';
import { placeBatchOfJobs, scriptOrderRequests } from '../../plugin/ui/place-jobs';
import { FPS_25, doneJob, setUp } from './sim-fixture';

const done = (shotId: string, take: number, frames: number) =>
  doneJob(shotId, take, frames, FPS_25, { width: 640, height: 360 });

describe('Place all', () => {
  it('is one undo entry for every shot and take, in Shotline/<scene>/<shot> bins', async () => {
    const { sim, adapter, at } = setUp(FPS_25);
    const jobs = [done('S1-02', 1, 25), done('S1-01', 2, 50), done('S1-01', 1, 50)];
    const scenes: Record<string, string> = { 'S1-01': 'EXT. ROOF - NIGHT', 'S1-02': 'EXT. ROOF - NIGHT' };
    const batch = scriptOrderRequests(jobs, at(10).toString(), { sceneOf: (id) => scenes[id] });
    const before = sim.undoCount;
    await placeBatchOfJobs(adapter, batch, () => undefined);
    const placeEntries = sim.snapshot().undoStack.filter((n) => n.startsWith('Shotline: place'));
    expect(placeEntries).toEqual(['Shotline: place S1-01 take 1, S1-01 take 2, S1-02 take 1']);
    // Three new bin levels (Shotline, the scene, both shots) and the placement.
    expect(sim.undoCount - before).toBe(4);
    const tracks = sim.snapshot().videoTracks;
    expect(tracks[0]?.map((c) => [c.name, c.startTicks])).toEqual([
      ['S1-01_t1.mp4', at(10).toString()],
      ['S1-02_t1.mp4', at(60).toString()],
    ]);
    expect(tracks[1]?.map((c) => [c.name, c.startTicks])).toEqual([['S1-01_t2.mp4', at(10).toString()]]);
    expect(sim.snapshot().bins.map((b) => b.path)).toContain('Shotline/EXT. ROOF - NIGHT/S1-01');
  });

  it('leaves out jobs the companion listed from an earlier session', () => {
    let state = jobsReducer([], {
      type: 'message',
      message: { v: 1, type: 'accepted', re: 'r1', jobs: [{ jobId: 'job_new', shotId: 'S1-01', take: 1 }] },
    });
    const summary = (jobId: string) => ({
      jobId,
      shotId: 'S1-01',
      take: 1,
      backend: 'slate',
      status: 'done' as const,
      output: done('S1-01', 1, 25).output,
    });
    state = jobsReducer(state, {
      type: 'message',
      message: { v: 1, type: 'jobs', re: 'l1', jobs: [summary('job_new'), summary('job_old')] },
    });
    expect(state.map((j) => [j.jobId, isBatchPlaceable(j)])).toEqual([
      ['job_new', true],
      ['job_old', false],
    ]);
  });
});
