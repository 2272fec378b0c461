// Which job actions the companion hears about: a placement outcome ends the job's timeline in its log.
import type { JobsAction } from './jobs-state';

/** The protocol caps the reason at 500 characters. */
const MAX_MESSAGE = 500;

export function placementReport(
  action: JobsAction,
): { jobId: string; placed: boolean; message?: string } | undefined {
  if (action.type === 'placed') return { jobId: action.jobId, placed: true };
  if (action.type === 'place-failed')
    return { jobId: action.jobId, placed: false, message: action.message.slice(0, MAX_MESSAGE) };
  return undefined;
}
