// The job list as HTML: takes grouped under their shot, poster thumbnails, differences, and Promote take.
import { renderToString as renderRaw } from 'react-dom/server';
import type { ReactElement } from 'react';
import { JobList } from '../../../plugin/ui/JobList';
import { jobsReducer, type JobRow } from '../../../plugin/ui/jobs-state';
import { toClientSamples } from '../../protocol/samples';
import { PlacementPane } from '../../../plugin/ui/PlacementPane';
import { DEFAULT_PLACEMENT } from '../../../plugin/ui/placement-settings';

/** Without React's text separators, so assertions read like the panel does. */
const renderToString = (element: ReactElement) => renderRaw(element).replaceAll('<!-- -->', '');

const POSTER = 'data:image/jpeg;base64,/9j/';
const take = (n: number, extra: Partial<JobRow> = {}): JobRow => ({
  jobId: `job_S1_take${n}`,
  shotId: 'S1',
  take: n,
  status: 'done',
  seed: 10 + n,
  output: {
    path: `/out/S1_t${n}.mp4`,
    sidecarPath: `/out/S1_t${n}.json`,
    frames: 50,
    fps: { num: 25, den: 1 },
    width: 640,
    height: 360,
    durationSeconds: 2,
    codec: 'h264',
    sha256: '0'.repeat(64),
    poster: { path: `/out/S1_t${n}.mp4.poster.jpg`, dataUrl: POSTER },
  },
  ...extra,
});

test('takes of a shot share a group; each shows its poster and seed; only unplaced takes offer Promote', () => {
  const clip = {
    trackIndex: 0,
    startTicks: '0',
    endTicks: '1',
    projectItemName: 'S1_t1.mp4',
    binPath: 'b',
    undoName: 'u',
  };
  const noop = () => undefined;
  const html = renderToString(
    <JobList
      jobs={[take(1, { placement: { state: 'placed', clip } }), take(2, { label: 'coat colour: red' })]}
      lineText={() => 'Kai runs.'}
      onPlace={noop}
      onPlaceAll={noop}
      onCancel={noop}
      onPromote={noop}
    />,
  );
  expect(html.match(/data-testid="take-group"/g)).toHaveLength(1);
  expect(html).toContain('S1: 2 takes');
  expect(html.match(/data-testid="take-poster"/g)).toHaveLength(2);
  expect(html).toContain(`src="${POSTER}"`);
  expect(html).toContain('seed 11');
  expect(html).toContain('coat colour: red');
  expect(html.match(/data-testid="promote-button"/g)).toHaveLength(1);
});

test('the placement pane lists gaps with length and the reason a gap cannot be filled', () => {
  const html = renderToString(
    <PlacementPane
      placement={{ ...DEFAULT_PLACEMENT, mode: 'gaps' }}
      onChange={() => undefined}
      gaps={[
        {
          key: 'a',
          trackIndex: 0,
          startTimecode: '00:00:02:00',
          frames: 37,
          lengthTimecode: '00:00:01:12',
          status: 'fill',
          shots: 1,
        },
        {
          key: 'b',
          trackIndex: 0,
          startTimecode: '00:01:00:00',
          frames: 900,
          lengthTimecode: '00:00:36:00',
          status: 'too-long',
          reason: "900 frames is longer than the backend's 125; choose to fill it with several shots",
          shots: 0,
        },
      ]}
      onFindGaps={() => undefined}
      onFillGaps={() => undefined}
      fillProblem={null}
      pendingSlots={0}
    />,
  );
  expect(html).toContain('00:00:02:00 on V1: 37 frames (00:00:01:12)');
  expect(html).toContain('cannot fill: 900 frames is longer');
  expect(html).toContain('Generate for 1 gap shot');
  expect(html).toContain('data-testid="gap-split"');
});

test('a finished 4-step draft offers "Render final"; a final take and an unfinished draft do not', () => {
  const noop = () => undefined;
  const provenance = { prompt: 'Kai runs.', seed: 11, backend: 'onnx', model: 'wan22-t2v-a14b' };
  const html = renderToString(
    <JobList
      jobs={[
        take(1, { provenance: { ...provenance, quality: 'draft' } }),
        take(2, { provenance: { ...provenance, quality: 'final' } }),
        take(3, { status: 'running', provenance: { ...provenance, quality: 'draft' } }),
      ]}
      lineText={() => 'Kai runs.'}
      onPlace={noop}
      onPlaceAll={noop}
      onCancel={noop}
      onPromote={noop}
      onRenderFinal={noop}
    />,
  );
  const buttons = [...html.matchAll(/data-testid="job-(job_S1_take\d)"|data-testid="render-final-button"/g)];
  const owners = buttons.flatMap((m, i) =>
    m[1]
      ? []
      : [
          buttons
            .slice(0, i)
            .reverse()
            .find((b) => b[1])![1],
        ],
  );
  expect(owners).toEqual(['job_S1_take1']);
  expect(html).toContain('Render final');
});

test('a job.done with a draft provenance marks the row as a draft', () => {
  const done = toClientSamples.find((m) => m.type === 'job.done')!;
  if (done.type !== 'job.done') throw new Error('no job.done sample');
  const draft = { ...done, provenance: { ...done.provenance, quality: 'draft' as const } };
  const [row] = jobsReducer([], { type: 'message', message: draft });
  expect(row!.provenance?.quality).toBe('draft');
  const [plain] = jobsReducer([], { type: 'message', message: done });
  expect(plain!.provenance?.quality).toBeUndefined();
});
