// Takes in the panel: grouping by shot, what sets each apart, and promoting one over the placed take.
import type { JobOutput } from '../../../shared/protocol';
import { jobsReducer, type JobRow, type JobsAction } from '../../../plugin/ui/jobs-state';
import { placeInSlots, promoteTake } from '../../../plugin/ui/place-jobs';
import { groupTakes, placedClipOf, promoteProblem, takeDifference } from '../../../plugin/ui/takes';
import { FPS_25, setUp } from '../sim-fixture';

const output = (name: string, frames: number): JobOutput => ({
  path: `/out/${name}.mp4`,
  sidecarPath: `/out/${name}.json`,
  frames,
  fps: FPS_25,
  width: 640,
  height: 360,
  durationSeconds: frames / 25,
  codec: 'h264',
  sha256: '0'.repeat(64),
  poster: { path: `/out/${name}.mp4.poster.jpg`, dataUrl: 'data:image/jpeg;base64,/9j/' },
});
const job = (shotId: string, take: number, extra: Partial<JobRow> = {}): JobRow => ({
  jobId: `job_${shotId}_t${take}`,
  shotId,
  take,
  status: 'done',
  output: output(`${shotId}_t${take}`, 50),
  ...extra,
});

test('groups takes by shot in first-seen order, takes by number, and finds the placed one', () => {
  const clip = {
    trackIndex: 1,
    startTicks: '0',
    endTicks: '1',
    projectItemName: 'x',
    binPath: 'Shotline/S2',
    undoName: 'u',
  };
  const groups = groupTakes([
    job('S2', 2),
    job('S1', 1),
    job('S2', 1, { placement: { state: 'placed', clip } }),
  ]);
  expect(groups.map((g) => [g.shotId, g.takes.map((t) => t.take), g.placed?.take])).toEqual([
    ['S2', [1, 2], 1],
    ['S1', [1], undefined],
  ]);
  expect(placedClipOf(groups[0]!.placed!)).toEqual({
    trackIndex: 1,
    name: 'x',
    mediaPath: '/out/S2_t1.mp4',
    startTicks: '0',
    endTicks: '1',
  });
});

test('a take is told apart by its variant label, else its seed', () => {
  expect(takeDifference(job('S1', 1, { label: 'coat colour: blue · seed 7', seed: 7 }))).toBe(
    'coat colour: blue · seed 7',
  );
  expect(takeDifference(job('S1', 2, { seed: 12 }))).toBe('seed 12');
  expect(takeDifference(job('S1', 3))).toBe('');
});

test('the seed comes from provenance, and a job list without poster data keeps the one the panel has', () => {
  const done: JobsAction = {
    type: 'message',
    message: {
      type: 'job.done',
      v: 1,
      jobId: 'job_S1_t1',
      shotId: 'S1',
      take: 1,
      output: output('S1_t1', 50),
      provenance: { seed: 42 } as never,
    } as never,
  };
  const first = jobsReducer([], done);
  expect(first[0]?.seed).toBe(42);
  expect(first[0]?.provenance).not.toHaveProperty('generatedAudio');
  const withSound = jobsReducer([], {
    ...done,
    message: { ...(done as { message: object }).message, provenance: { seed: 42, generatedAudio: true } },
  } as never);
  expect(withSound[0]?.provenance).toMatchObject({ generatedAudio: true }); // labelled on the placed clip
  const { dataUrl: _dropped, ...pathOnly } = output('S1_t1', 50).poster!;
  const listed = jobsReducer(first, {
    type: 'message',
    message: {
      type: 'jobs',
      v: 1,
      re: 'r',
      jobs: [
        {
          jobId: 'job_S1_t1',
          shotId: 'S1',
          take: 1,
          backend: 'slate',
          status: 'done',
          output: { ...output('S1_t1', 50), poster: pathOnly },
        },
      ],
    } as never,
  });
  expect(listed[0]?.output?.poster?.dataUrl).toBe('data:image/jpeg;base64,/9j/');
});

test('promote replaces the placed take over the same range as one undo step; the old take is unplaced', async () => {
  const { sim, adapter, at } = setUp(FPS_25);
  sim.addClip(0, { name: 'before', startTicks: at(0), endTicks: at(20) });
  sim.addClip(0, { name: 'after', startTicks: at(70), endTicks: at(90) });
  let rows: JobRow[] = [job('S1', 1), job('S1', 2, { label: 'seed 8' })];
  const dispatch = (action: JobsAction) => (rows = jobsReducer(rows, action));
  for (const row of rows) sim.registerMedia(row.output!.path, { frames: 50, fps: FPS_25 });
  await placeInSlots(
    adapter,
    [{ job: rows[0]!, slot: { startTicks: at(20).toString(), frames: 50 } }],
    dispatch,
    {
      track: { kind: 'index', index: 0 },
    },
  );

  const group = groupTakes(rows)[0]!;
  const take2 = group.takes[1]!;
  expect(promoteProblem(group, group.takes[0]!)).toBe('This take is the one on the timeline.');
  expect(promoteProblem(group, take2)).toBeNull();
  await promoteTake(adapter, placedClipOf(group.placed!)!, take2, dispatch);
  dispatch({ type: 'unplaced', jobId: group.placed!.jobId });

  const track = sim.snapshot().videoTracks[0]!.map((c) => [c.name, c.startTicks, c.endTicks]);
  expect(track).toEqual([
    ['before', '0', at(20).toString()],
    ['S1_t2.mp4', at(20).toString(), at(70).toString()],
    ['after', at(70).toString(), at(90).toString()],
  ]);
  expect(sim.snapshot().undoStack.at(-1)).toBe('Shotline: replace S1_t1.mp4 with S1 take 2');
  expect(groupTakes(rows)[0]!.placed?.take).toBe(2);
  expect(rows[0]!.placement).toBeUndefined();

  // A take of another length cannot be promoted: it would leave a sliver or cover the next clip.
  const longer = job('S1', 3, { output: output('S1_t3', 60) });
  expect(promoteProblem(groupTakes([...rows, longer])[0]!, longer)).toBe(
    'This take is 60 frames; the placed one is 50.',
  );
});
