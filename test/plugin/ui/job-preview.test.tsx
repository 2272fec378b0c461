// Running jobs' previews in the panel: the reducer keeps the latest per job, the list shows it while running.
import { renderToString } from 'react-dom/server';
import { JobList } from '../../../plugin/ui/JobList';
import { jobsReducer, type JobsState } from '../../../plugin/ui/jobs-state';
import type { ToClientMessage } from '../../../shared/protocol';

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==';
const preview = (jobId: string, step: number): ToClientMessage => ({
  v: 1,
  type: 'job.preview',
  jobId,
  step,
  total: 8,
  width: 6,
  height: 4,
  mime: 'image/png',
  data: PNG,
});
const fold = (state: JobsState, ...messages: ToClientMessage[]) =>
  messages.reduce((rows, message) => jobsReducer(rows, { type: 'message', message }), state);

const accepted: ToClientMessage = {
  v: 1,
  type: 'accepted',
  re: 'g1',
  jobs: [
    { jobId: 'job_aaaaaaaa', shotId: 'S1', take: 1 },
    { jobId: 'job_bbbbbbbb', shotId: 'S1', take: 2 },
  ],
};

test('keeps only the latest preview of each job, marks it running, and drops it when the job ends', () => {
  let rows = fold(
    [],
    accepted,
    preview('job_aaaaaaaa', 3),
    preview('job_bbbbbbbb', 3),
    preview('job_aaaaaaaa', 6),
  );
  expect(rows.map((r) => [r.jobId, r.status, r.preview?.step])).toEqual([
    ['job_aaaaaaaa', 'running', 6],
    ['job_bbbbbbbb', 'running', 3],
  ]);
  expect(rows[0]!.preview).toEqual({ step: 6, total: 8, width: 6, height: 4, mime: 'image/png', data: PNG });
  rows = fold(rows, {
    v: 1,
    type: 'job.failed',
    jobId: 'job_bbbbbbbb',
    shotId: 'S1',
    take: 2,
    error: { code: 'JOB_CANCELLED', message: 'The job was cancelled while running.' },
  });
  expect(rows[1]).toMatchObject({ status: 'cancelled', preview: undefined });
  // A preview that arrives after its job ended (it was in flight) does not bring the job back to life.
  rows = fold(rows, preview('job_bbbbbbbb', 8));
  expect(rows[1]).toMatchObject({ status: 'cancelled', preview: undefined });
});

const listHtml = (rows: JobsState) =>
  renderToString(
    <JobList
      jobs={rows}
      lineText={() => undefined}
      onPlace={() => undefined}
      onPlaceAll={() => undefined}
      onCancel={() => undefined}
      onPromote={() => undefined}
    />,
  );

test('the job list shows a running job’s preview as an image, and none for other jobs', () => {
  const rows = fold([], accepted, preview('job_aaaaaaaa', 3));
  const html = listHtml(rows);
  const images = html.match(/<img[^>]*data-testid="job-preview"[^>]*>/g) ?? [];
  expect(images).toHaveLength(1);
  expect(images[0]).toContain(`src="data:image/png;base64,${PNG}"`);
  expect(images[0]).toContain('alt="S1 take 1, step 3 of 8"');
});

test('a job waiting for a worker stays queued and says what it waits for', () => {
  const waiting = 'Waiting up to 60 s for a worker that serves onnx.wan22-5b';
  const rows = fold([], accepted, {
    v: 1,
    type: 'job.progress',
    jobId: 'job_aaaaaaaa',
    progress: { phase: 'queued', step: 0, total: 8, fraction: 0, etaSeconds: null, waiting },
  });
  expect(rows[0]).toMatchObject({ status: 'queued', progress: { waiting } });
  expect(listHtml(rows)).toContain(waiting);
});
