// Jobs grouped by shot with their takes: progress, failures in plain words, poster frames, Place and Promote.
import { useState } from 'react';
import { usePanelT } from '../i18n/use-t';
import { t } from '../i18n/i18n';
import { formatTimecode, ticksToFrames } from '../../shared/timecode';
import type { SequenceInfo } from '../host/host-adapter';
import type { JobRow } from './jobs-state';
import { groupTakes, promoteProblem, takeDifference, type TakeGroup } from './takes';
import { TakePoster } from './TakePoster';
import { Button, ProgressBar } from './widgets';
import { wireErrorText } from '../i18n/wire-error';
import { placeFailureText } from './host-text';

export interface JobListProps {
  jobs: JobRow[];
  lineText: (shotId: string) => string | undefined;
  onPlace: (job: JobRow) => void;
  onPlaceAll: () => void;
  onCancel: (jobId: string) => void;
  /** Replaces the shot's placed take with this one over the same range. */
  onPromote: (group: TakeGroup, job: JobRow) => void;
  /** Renders a finished draft take again at final quality (same seed and prompt). */
  onRenderFinal?: (jobId: string) => void;
  /** The open sequence: placements read in its timecode, as on Premiere's Timeline. */
  sequence?: Pick<SequenceInfo, 'frameRate' | 'timecode'> | null;
}

export function isPlaceable(job: JobRow): boolean {
  return job.status === 'done' && job.output !== undefined && job.placement?.state !== 'placing';
}

/** What "Place all" takes: this session's finished takes not on the timeline yet (restored ones are not). */
export function isBatchPlaceable(job: JobRow): boolean {
  return isPlaceable(job) && job.placement?.state !== 'placed' && !job.restored;
}

function statusText(job: JobRow): string {
  switch (job.status) {
    case 'queued':
      return job.progress?.waiting ?? t('jobs.queued');
    case 'running': {
      const p = job.progress;
      if (!p) return t('jobs.running');
      const shown = { phase: t(`jobs.phase.${p.phase}`), percent: Math.round(p.fraction * 100) };
      return p.etaSeconds === null
        ? t('jobs.progress', shown)
        : t('jobs.progressEta', { ...shown, seconds: Math.ceil(p.etaSeconds) });
    }
    case 'done':
      return t('jobs.ready');
    case 'failed':
      return t('jobs.failed', { detail: job.error ? wireErrorText(job.error) : t('jobs.unknownError') });
    case 'cancelled':
      return t('jobs.cancelled');
  }
}

function placementText(job: JobRow, sequence: JobListProps['sequence']): string | null {
  const placement = job.placement;
  if (!placement) return null;
  if (placement.state === 'placing') return t('jobs.placing');
  if (placement.state === 'failed') return t('jobs.placeFailed', { detail: placeFailureText(placement) });
  const ticks = BigInt(placement.clip.startTicks);
  const fps = job.output?.fps;
  const at = sequence
    ? formatTimecode(ticksToFrames(ticks, sequence.frameRate), sequence.frameRate, sequence.timecode)
    : fps
      ? formatTimecode(ticksToFrames(ticks, fps), fps)
      : placement.clip.startTicks;
  return t('jobs.placed', { track: placement.clip.trackIndex + 1, timecode: at });
}

export function JobList({
  jobs,
  lineText,
  onPlace,
  onPlaceAll,
  onCancel,
  onPromote,
  onRenderFinal,
  sequence,
}: JobListProps) {
  const placeable = jobs.filter(isBatchPlaceable);
  const t = usePanelT();
  // "Place again" duplicates a clip already in the cut: the first press asks, the second places.
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <section className="sl-pane" aria-label={t('jobs.pane')}>
      <div className="sl-row">
        <span className="sl-muted">
          {jobs.length === 0 ? t('jobs.none') : t('jobs.count', { count: jobs.length })}
        </span>
        <Button testId="place-all-button" onClick={onPlaceAll} disabled={placeable.length === 0}>
          {t('jobs.placeAll', { count: placeable.length })}
        </Button>
      </div>
      <ul className="sl-jobs">
        {groupTakes(jobs).map((group) => (
          <li key={group.shotId} data-testid="take-group" data-shot={group.shotId} className="sl-take-group">
            {group.takes.length > 1 && (
              <div className="sl-muted">
                {t('jobs.groupTakes', { shotId: group.shotId, count: group.takes.length })}
              </div>
            )}
            <ul className="sl-jobs">{group.takes.map((job) => renderJob(job, group))}</ul>
          </li>
        ))}
      </ul>
    </section>
  );

  function renderJob(job: JobRow, group: TakeGroup) {
    const fraction = job.status === 'done' ? 1 : (job.progress?.fraction ?? 0);
    const placed = placementText(job, sequence);
    return (
      <li
        key={job.jobId}
        data-testid={`job-${job.jobId}`}
        data-status={job.status}
        className={`sl-job ${job.status}`}
      >
        <div className="sl-row">
          <TakePoster job={job} />
          <strong>{t('jobs.take', { shotId: job.shotId, take: job.take })}</strong>
          <span className="sl-muted sl-ellipsis">{lineText(job.shotId) ?? ''}</span>
        </div>
        {takeDifference(job) && (
          <div data-testid="job-label" className="sl-muted">
            {takeDifference(job)}
          </div>
        )}
        <ProgressBar
          testId="job-progress"
          fraction={fraction}
          label={t('jobs.take', { shotId: job.shotId, take: job.take })}
        />
        {job.status === 'running' && job.preview && (
          <img
            data-testid="job-preview"
            className="sl-job-preview"
            src={`data:${job.preview.mime};base64,${job.preview.data}`}
            width={job.preview.width}
            height={job.preview.height}
            alt={t('jobs.previewAlt', {
              shotId: job.shotId,
              take: job.take,
              step: job.preview.step,
              total: job.preview.total,
            })}
          />
        )}
        <div className="sl-row">
          <span data-testid="job-status" className="sl-job-status">
            {statusText(job)}
          </span>
          {(job.status === 'queued' || job.status === 'running') && (
            <Button testId="cancel-button" onClick={() => onCancel(job.jobId)}>
              {t('jobs.cancel')}
            </Button>
          )}
          {job.status === 'done' && job.placement?.state !== 'placed' && (
            <Button
              testId="place-button"
              variant="primary"
              onClick={() => onPlace(job)}
              disabled={!isPlaceable(job)}
            >
              {t('jobs.place')}
            </Button>
          )}
          {job.status === 'done' && job.placement?.state === 'placed' && (
            <Button
              testId="place-again-button"
              onClick={() => {
                if (confirming !== job.jobId) return setConfirming(job.jobId);
                setConfirming(null);
                onPlace(job);
              }}
              disabled={!isPlaceable(job)}
            >
              {confirming === job.jobId ? t('jobs.confirmAgain') : t('jobs.placeAgain')}
            </Button>
          )}
          {onRenderFinal && job.status === 'done' && job.provenance?.quality === 'draft' && (
            <Button testId="render-final-button" onClick={() => onRenderFinal(job.jobId)}>
              {t('jobs.renderFinal')}
            </Button>
          )}
          {group.placed && group.placed.jobId !== job.jobId && job.status === 'done' && (
            <Button
              testId="promote-button"
              onClick={() => onPromote(group, job)}
              disabled={promoteProblem(group, job) !== null}
            >
              {t('jobs.promote')}
            </Button>
          )}
        </div>
        {placed && (
          <div data-testid="job-placement" className="sl-muted">
            {placed}
          </div>
        )}
      </li>
    );
  }
}
