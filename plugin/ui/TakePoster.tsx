// A finished take's poster frame: the inline JPEG the companion sent, or a blank box of the same size without one.
import { usePanelT } from '../i18n/use-t';
import type { JobRow } from './jobs-state';

/** Thumbnails are drawn at half the poster's 320 px so a row of takes stays compact. */
const THUMB_WIDTH = 160;

export function TakePoster({ job }: { job: JobRow }) {
  const t = usePanelT();
  const output = job.output;
  const src = output?.poster?.dataUrl;
  const height = output ? Math.round((THUMB_WIDTH * output.height) / output.width) : 90;
  if (!output) return null;
  if (!src) return <span className="sl-poster sl-poster-empty" style={{ width: THUMB_WIDTH, height }} />;
  return (
    <img
      data-testid="take-poster"
      className="sl-poster"
      src={src}
      width={THUMB_WIDTH}
      height={height}
      alt={t('jobs.posterAlt', { shotId: job.shotId, take: job.take })}
    />
  );
}
