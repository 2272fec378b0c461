// Keeps "Placed" honest: an undo in Premiere takes a clip away, so the panel re-reads the timeline now and
// then (and when it gets focus) and forgets placements the host no longer shows.
import { useEffect, useRef } from 'react';
import type { HostAdapter } from '../host/host-adapter';
import type { JobRow, JobsAction } from './jobs-state';

/** Often enough to follow an Undo the editor just pressed, rarely enough to cost nothing. */
const RECHECK_MS = 3000;

export function usePlacementCheck(
  adapter: HostAdapter,
  jobs: readonly JobRow[],
  dispatch: (action: JobsAction) => void,
): void {
  const latest = useRef(jobs);
  latest.current = jobs;
  useEffect(() => {
    const check = adapter.stillPlaced?.bind(adapter);
    if (!check) return undefined;
    let running = false;
    const recheck = async () => {
      const placed = latest.current.flatMap((job) =>
        job.placement?.state === 'placed' ? [{ job, clip: job.placement.clip }] : [],
      );
      if (running || placed.length === 0) return;
      running = true;
      try {
        const still = await check(placed.map((p) => p.clip));
        placed.forEach((p, i) => still[i] === false && dispatch({ type: 'unplaced', jobId: p.job.jobId }));
      } catch {
        // No sequence open right now, for instance: nothing to conclude, check again later.
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void recheck(), RECHECK_MS);
    const onFocus = () => void recheck();
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [adapter, dispatch]);
}
