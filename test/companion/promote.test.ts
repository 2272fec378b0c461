// "Render final" over the socket: a finished draft take comes back at final quality with its seed and prompt.
import { pairedCompanionPerTest } from '../support/paired-companion';

const ctx = pairedCompanionPerTest('promote');

const draft = {
  shotId: 'S1-02',
  prompt: 'A courier runs across a wet rooftop at night.',
  duration: { frames: 12 },
  fps: { num: 24, den: 1 },
  size: { width: 160, height: 90 },
  backend: 'slate',
  takes: 2,
  seed: 40,
  quality: 'draft' as const,
};

test('promote re-renders the chosen draft take as one final take with the same seed, prompt and take number', async () => {
  const { panel } = ctx;
  panel.send({ type: 'generate', id: 'g1', shots: [draft] });
  const accepted = await panel.waitFor('accepted', (m) => m.re === 'g1');
  const second = accepted.jobs[1]!;
  const done = await panel.waitFor('job.done', (m) => m.jobId === second.jobId);
  expect(done.provenance.seed).toBe(41);

  panel.send({ type: 'promote', id: 'p1', jobId: second.jobId });
  const promoted = await panel.waitFor('accepted', (m) => m.re === 'p1');
  expect(promoted.jobs).toEqual([
    expect.objectContaining({ shotId: 'S1-02', take: 2, label: 'take 2 · final' }),
  ]);
  const final = await panel.waitFor('job.done', (m) => m.jobId === promoted.jobs[0]!.jobId);
  expect(final.provenance).toMatchObject({ seed: 41, prompt: draft.prompt, take: 2 });
  expect(final.output.path).not.toBe(done.output.path);

  // A final take has nothing to promote; an unknown job is not found.
  panel.send({ type: 'promote', id: 'p2', jobId: promoted.jobs[0]!.jobId });
  expect((await panel.waitFor('error', (m) => m.re === 'p2')).error).toEqual({
    code: 'INVALID_SHOT',
    message: `Job ${promoted.jobs[0]!.jobId} is already a final-quality take: nothing to promote.`,
    params: { jobId: promoted.jobs[0]!.jobId, case: 'alreadyFinal' },
  });
  panel.send({ type: 'promote', id: 'p3', jobId: 'job_doesnotexist' });
  expect((await panel.waitFor('error', (m) => m.re === 'p3')).error.code).toBe('JOB_NOT_FOUND');
});

test('a draft still running cannot be promoted yet', async () => {
  const { panel } = ctx;
  panel.send({ type: 'generate', id: 'g2', shots: [{ ...draft, takes: 1, duration: { seconds: 30 } }] });
  const { jobs } = await panel.waitFor('accepted', (m) => m.re === 'g2');
  panel.send({ type: 'promote', id: 'p4', jobId: jobs[0]!.jobId });
  const error = (await panel.waitFor('error', (m) => m.re === 'p4')).error;
  expect(error.code).toBe('INVALID_SHOT');
  expect(error.message).toMatch(
    /is (queued|running): only a finished draft can be rendered at final quality\.$/,
  );
  panel.send({ type: 'cancel', id: 'c1', jobId: jobs[0]!.jobId });
  await panel.waitFor('cancelled', (m) => m.re === 'c1');
});
