// The job list as the panel keeps it: folded from companion messages and placement results.
import type {
  JobOutput,
  JobPreview,
  JobProgress,
  JobStatus,
  JobSummary,
  Provenance,
  ToClientMessage,
  WireError,
} from '../../shared/protocol';
import type { SentenceParams } from '../../shared/errors/coded-error';
import type { HostErrorCode, PlacedClip } from '../host/host-adapter';

/** Why a placement failed: the host's English sentence (for the companion's log) and its code to word it. */
export type PlaceFailure = { message: string; code?: HostErrorCode; params?: SentenceParams };

export interface JobRow {
  jobId: string;
  shotId: string;
  take: number;
  /** What sets this take apart (variant values, seed), from its shot request. */
  label?: string;
  /** The seed the take was made with, from its provenance once done. */
  seed?: number;
  /** What the placed clip's metadata records (prompt, seed, backend, model), once done. */
  provenance?: {
    prompt: string;
    seed: number;
    backend: string;
    model: string;
    generatedAudio?: true;
    /** A 4-step draft offers "Render final". */
    quality?: Provenance['quality'];
  };
  status: JobStatus;
  progress?: JobProgress;
  /** The latest preview image while the job runs (only the newest is kept; gone once it ends). */
  preview?: JobPreview;
  output?: JobOutput;
  error?: WireError;
  placement?:
    { state: 'placing' } | { state: 'placed'; clip: PlacedClip } | ({ state: 'failed' } & PlaceFailure);
  /** Listed by the companion from an earlier panel session, not asked for in this one: "Place all" skips it. */
  restored?: true;
}

export type JobsAction =
  | { type: 'message'; message: ToClientMessage }
  | { type: 'placing'; jobId: string }
  | { type: 'placed'; jobId: string; clip: PlacedClip }
  /** Another take replaced this one's clip on the timeline. */
  | { type: 'unplaced'; jobId: string }
  | ({ type: 'place-failed'; jobId: string } & PlaceFailure);

/** Rows in the order jobs were accepted. */
export type JobsState = JobRow[];

function update(state: JobsState, jobId: string, change: (row: JobRow) => JobRow): JobsState {
  const exists = state.some((row) => row.jobId === jobId);
  // A progress or result for a job this panel never saw accepted (e.g. after a reload) still gets a row.
  const rows = exists ? state : [...state, { jobId, shotId: '?', take: 1, status: 'queued' as const }];
  return rows.map((row) => (row.jobId === jobId ? change(row) : row));
}

/** A job list may leave out poster data the panel already has (see the companion's poster budget). */
function keepPoster(next: JobOutput, previous: JobOutput | undefined): JobOutput {
  const known = previous?.poster;
  if (next.poster?.dataUrl || !known?.dataUrl || previous?.path !== next.path) return next;
  return { ...next, poster: known };
}

function mergeSummary(state: JobsState, summary: JobSummary): JobsState {
  const known = state.some((row) => row.jobId === summary.jobId);
  return update(state, summary.jobId, (row) => ({
    ...row,
    ...(!known && { restored: true as const }),
    shotId: summary.shotId,
    take: summary.take,
    ...(summary.label && { label: summary.label }),
    status: summary.status,
    progress: summary.progress ?? row.progress,
    output: summary.output ? keepPoster(summary.output, row.output) : row.output,
    error: summary.error ?? row.error,
  }));
}

function applyMessage(state: JobsState, message: ToClientMessage): JobsState {
  switch (message.type) {
    case 'accepted':
      return message.jobs.reduce(
        (rows, job) =>
          rows.some((row) => row.jobId === job.jobId)
            ? rows
            : [...rows, { ...job, status: 'queued' as const }],
        state,
      );
    case 'job.progress':
      return update(state, message.jobId, (row) => ({
        ...row,
        // A waiting note is about a job that has not started.
        status: message.progress.waiting && row.status === 'queued' ? 'queued' : 'running',
        progress: message.progress,
      }));
    case 'job.preview': {
      const { type: _type, v: _v, jobId, ...preview } = message;
      return update(state, jobId, (row) =>
        row.status === 'queued' || row.status === 'running' ? { ...row, status: 'running', preview } : row,
      );
    }
    case 'job.done':
      return update(state, message.jobId, (row) => ({
        ...row,
        preview: undefined,
        shotId: message.shotId,
        take: message.take,
        status: 'done',
        output: message.output,
        seed: message.provenance.seed,
        provenance: {
          prompt: message.provenance.prompt,
          seed: message.provenance.seed,
          backend: message.provenance.backend,
          model: message.provenance.model,
          ...(message.provenance.generatedAudio && { generatedAudio: true as const }),
          ...(message.provenance.quality && { quality: message.provenance.quality }),
        },
      }));
    case 'job.failed':
      return update(state, message.jobId, (row) => ({
        ...row,
        shotId: message.shotId,
        take: message.take,
        status: message.error.code === 'JOB_CANCELLED' ? 'cancelled' : 'failed',
        error: message.error,
        preview: undefined,
      }));
    case 'cancelled':
      return message.stopped
        ? update(state, message.jobId, (row) => ({ ...row, status: 'cancelled' }))
        : state;
    case 'jobs':
      return message.jobs.reduce(mergeSummary, state);
    default:
      return state;
  }
}

export function jobsReducer(state: JobsState, action: JobsAction): JobsState {
  switch (action.type) {
    case 'message':
      return applyMessage(state, action.message);
    case 'placing':
      return update(state, action.jobId, (row) => ({ ...row, placement: { state: 'placing' } }));
    case 'placed':
      return update(state, action.jobId, (row) => ({
        ...row,
        placement: { state: 'placed', clip: action.clip },
      }));
    case 'unplaced':
      return update(state, action.jobId, ({ placement: _replaced, ...row }) => row);
    case 'place-failed':
      return update(state, action.jobId, (row) => ({
        ...row,
        placement: {
          state: 'failed',
          message: action.message,
          ...(action.code && { code: action.code }),
          ...(action.params && { params: action.params }),
        },
      }));
  }
}
